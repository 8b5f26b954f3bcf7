//! Integration tests of zhizhuan-report (one test binary): the sample report through poppler
//! and qpdf, hostile input, the line breaker, and the xlsx action plan.

mod bad_input;
mod built;
mod docx;
mod linebreak;
mod pdf;
mod support;
mod xlsx;
