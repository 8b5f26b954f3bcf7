//! # zhizhuan-report
//!
//! Turns a report model (built from core's scores, gaps and roadmap) into the documents that
//! leave the machine: the subsidy-ready PDF and the xlsx action plan. Rendering is a pure
//! function from model to bytes; writing files is the caller's job.
