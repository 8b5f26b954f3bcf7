//! Workspace test crate: the journeys live in `journeys/`, one test binary for all of them.
