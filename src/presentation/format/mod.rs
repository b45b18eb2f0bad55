//! The JSON documents, read and written, one module per document, with the
//! JSON machinery they share: their `format` names, the limits of the
//! readers, the results document's records, and case files.

pub(crate) mod case;
pub(crate) mod catalogue;
mod flat;
pub(crate) mod json;
pub(crate) mod load;
pub(crate) mod observations;
#[cfg(feature = "csv")]
pub(crate) mod observations_csv;
pub(crate) mod pretty;
pub(crate) mod results;
#[cfg(feature = "serde")]
mod serde_text;
pub(crate) mod units;

pub use catalogue::read::CATALOGUE_FORMAT;
pub use json::{MAX_DOCUMENT_BYTES, check_document_size, document_text};
#[cfg(feature = "csv")]
pub use load::load_csv;
pub use load::{load, load_with_units, load_with_units_from_reader, load_with_units_owned};
pub use observations::OBSERVATIONS_FORMAT;
pub use results::records::{
    EveryPeriodRecord, EvidenceRecord, ProgressRecord, RESULTS_FORMAT, ResultRecord,
    ResultsDocument, RollUpRecord, UnitRecord, WarningRecord,
};
pub use results::write::JsonPiece;
pub use units::UNITS_FORMAT;
