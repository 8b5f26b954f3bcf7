// The per-field messages of a form: what a refused command said about each field, and the
// rule that typing in a field clears its message (the user is fixing it).
import { ApiError } from "./api";

/** The messages by field of a refused command, or null when it failed otherwise. */
export function fieldErrors(e: unknown): Record<string, string> | null {
  if (e instanceof ApiError && e.fields.length > 0) return Object.fromEntries(e.fields.map((f) => [f.field, f.message]));
  return null;
}

/** `errors` without the message of the input `event` came from (matched by its `name`). */
export function fixing(errors: Record<string, string>, event: Event): Record<string, string> {
  const name = (event.target as HTMLInputElement | null)?.name;
  if (!name || !(name in errors)) return errors;
  const { [name]: _, ...rest } = errors;
  return rest;
}
