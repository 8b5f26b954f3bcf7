//! Journeys across crates, as a user or CI would take them. One binary, one module per theme.

mod invariants;
