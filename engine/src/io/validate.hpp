// Private to the io layer: import's check of the records read against a store's schema and
// contents, and the merge of duplicates within the input.
#pragma once

#include "ergraph/error.hpp"
#include "ergraph/import.hpp"
#include "ergraph/model.hpp"
#include "ergraph/store.hpp"

namespace ergraph::io {

// Checks `records` as import_files does (ergraph/import.hpp lists the checks), each problem
// added to `diags`. Accepted nodes are moved into the result; accepted edges stay in `records`,
// the result pointing at them, and a duplicate edge's citations join its first record.
WriteSet validate_records(const Store& store, RecordSet& records, Diagnostics& diags,
                          const ReadOptions& options);

}  // namespace ergraph::io
