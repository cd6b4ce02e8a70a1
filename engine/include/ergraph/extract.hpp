// ergraph/extract.hpp — news text in, proposed cited nodes and edges out.
//
// Extraction reads reports and proposes, in the interchange format, a Document node per report,
// a node for each actor it finds that the database does not hold, a new spelling of a known
// actor as an alias on its node, and the edges the schema's `extract:` patterns find, each
// citing the sentence it stands on verbatim. Every proposal says which rule made it, with a
// confidence and the character span, in an "extracted" field that import accepts and ignores.
// Rules, not a model: README "Extracting from reports".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ergraph/schema.hpp"

namespace ergraph {

// A node the database holds, as extraction sees it: names to find it by.
struct KnownNode {
  std::string id;
  std::string type;
  std::string name;
  std::vector<std::string> aliases;
  std::string date;  // an Event's "date" prop, if any
};

struct ReportInput {
  std::string source;  // the file name ("-" for stdin), for messages and the derived id
  std::string text;    // valid UTF-8
  std::string doc_id;  // derived from `source` when empty
  std::string title;
  std::string published;  // YYYY[-MM[-DD]]; read from the text when empty
  std::string publisher;
  std::string text_file;  // when set, the Document names its text by this path, else inline
};

struct ExtractOptions {
  double min_confidence = 0.0;
  bool explain = false;
};

struct Extraction {
  std::string jsonl;                 // the proposals, one record per line
  std::vector<std::string> explain;  // with options.explain: per sentence, what was found, why
  std::size_t documents = 0;
  std::size_t nodes = 0;  // new nodes, documents included
  std::size_t aliases = 0;
  std::size_t edges = 0;
};

// Proposes the nodes and edges of `reports` against `schema` and the `known` nodes. The same
// inputs give the same bytes. Throws Error(kInvalidInput) naming the report for text that is
// not UTF-8 or holds NUL bytes.
Extraction extract_reports(const Schema& schema, const std::vector<KnownNode>& known,
                           const std::vector<ReportInput>& reports, const ExtractOptions& options);

// The Document id a file name gives: "doc:" and the file name without folder and extension,
// lower-cased, with runs of other characters made '-'.
std::string document_id_for(const std::string& source);

}  // namespace ergraph
