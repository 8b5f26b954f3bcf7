use zhizhuan_core::catalog::Catalog;

/// The fixed choice lists of the enterprise form.
#[tauri::command]
pub fn catalog() -> Catalog {
    Catalog::get()
}
