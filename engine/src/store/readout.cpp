// Store: nodes and edges read back — whole-table scans for the graph snapshot, every node and
// edge in export order, one edge or one node's edges for display, a document's text and
// citations.
#include "ergraph/store.hpp"

#include "store_impl.hpp"

namespace ergraph {

// The `publisher` prop of the Document row `doc` when it is text, else NULL; json_type() guards
// against a hostile file (a publisher that is a number or an object is no publisher, not its JSON
// text). A macro, so that the queries using it stay literals.
#define ERGRAPH_PUBLISHER_OF_DOC                                                      \
  "CASE WHEN json_valid(doc.props) AND json_type(doc.props, '$.publisher') = 'text' " \
  "THEN json_extract(doc.props, '$.publisher') END"

void Store::scan_nodes(const std::function<void(const NodeRow&)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db,
                   "SELECT nid, id, type, name, CASE WHEN type = 'Document' THEN "
                   "coalesce(" ERGRAPH_PUBLISHER_OF_DOC ", '') END FROM nodes doc ORDER BY id");
  NodeRow row;
  while (q.step()) {
    row.key = q.int64(0);
    row.id = q.text(1);
    row.type = q.text(2);
    row.name = q.text(3);
    row.publisher = q.is_null(4) ? std::string() : q.text(4);
    fn(row);
  }
}

void Store::scan_edges(const std::function<void(const EdgeRow&)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db,
                   "SELECT eid, src, dst, type, date, props = '{}' FROM edges ORDER BY eid");
  EdgeRow row;
  while (q.step()) {
    row.key = q.int64(0);
    row.from_key = q.int64(1);
    row.to_key = q.int64(2);
    row.type = q.text(3);
    row.date = q.text(4);
    row.props_empty = q.int64(5) != 0;
    fn(row);
  }
}

namespace {

constexpr const char* kEdgeSelect =
    "SELECT e.eid, e.type, s.id, d.id, e.date, e.props FROM edges e "
    "JOIN nodes s ON s.nid = e.src JOIN nodes d ON d.nid = e.dst ";
constexpr const char* kCitationSelect =
    "SELECT doc.id, c.quote FROM citations c JOIN nodes doc ON doc.nid = c.doc "
    "WHERE c.eid = ?1 ORDER BY c.cid";

// Reads the current row of a kEdgeSelect statement, with its citations.
Edge edge_from_row(const sql::Statement& q, sql::Statement& citations) {
  Edge edge;
  edge.type = q.text(1);
  edge.from = q.text(2);
  edge.to = q.text(3);
  edge.date = q.text(4);
  edge.props = q.text(5);
  citations.bind(q.int64(0));
  while (citations.step()) edge.sources.push_back(Citation{citations.text(0), citations.text(1)});
  return edge;
}

}  // namespace

std::optional<Edge> Store::edge_by_key(std::int64_t key) const {
  sql::Statement& q = impl_->statement(std::string(kEdgeSelect) + "WHERE e.eid = ?1");
  const store::Finished finished(q);
  sql::Statement& citations = impl_->statement(kCitationSelect);
  const store::Finished citations_finished(citations);
  if (!q.bind(key).step()) return std::nullopt;
  return edge_from_row(q, citations);
}

bool Store::read_edge_details(std::int64_t key, Edge& edge) const {
  sql::Statement& q = impl_->statement("SELECT date, props FROM edges WHERE eid = ?1");
  const store::Finished finished(q);
  if (!q.bind(key).step()) return false;
  edge.date = q.text(0);
  edge.props = q.text(1);
  return true;
}

void Store::scan_edge_citations(std::int64_t key,
                                const std::function<void(std::int64_t, std::string)>& fn) const {
  // From the UNIQUE (eid, doc, quote) index alone, no table row: the page of the edge's
  // citations, and nothing else.
  sql::Statement& q =
      impl_->statement("SELECT doc, quote FROM citations WHERE eid = ?1 ORDER BY cid");
  const store::Finished finished(q);
  q.bind(key);
  while (q.step()) fn(q.int64(0), q.text(1));
}

std::vector<Edge> Store::edges_touching(std::string_view node_id) const {
  sql::Statement q(impl_->db, std::string(kEdgeSelect) +
                                  "WHERE e.src = (SELECT nid FROM nodes WHERE id = ?1) "
                                  "OR e.dst = (SELECT nid FROM nodes WHERE id = ?1) "
                                  "ORDER BY e.type, s.id, d.id, e.date");
  sql::Statement citations(impl_->db, kCitationSelect);
  std::vector<Edge> out;
  q.bind(node_id);
  while (q.step()) out.push_back(edge_from_row(q, citations));
  return out;
}

void Store::for_each_node(const std::function<void(const Node&)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db,
                   "SELECT n.nid, n.id, n.type, n.name, n.props, d.text FROM nodes n "
                   "LEFT JOIN documents d ON d.nid = n.nid ORDER BY n.id");
  sql::Statement aliases(impl_->db, store::kAliasesOfNode);
  while (q.step()) {
    Node node;
    node.id = q.text(1);
    node.type = q.text(2);
    node.name = q.text(3);
    node.props = q.text(4);
    if (!q.is_null(5)) node.text = q.text(5);
    store::read_aliases(aliases, q.int64(0), node.aliases);
    fn(node);
  }
}

void Store::for_each_name(const std::function<void(Node&)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  // Two scans merged by node key rather than one alias query per node: this is the fixed cost
  // of every extraction, and databases hold hundreds of thousands of names.
  sql::Statement q(impl_->db,
                   "SELECT n.nid, n.id, n.type, n.name, "
                   "CASE WHEN n.type = 'Event' AND json_valid(n.props) "
                   "THEN json_extract(n.props, '$.date') END "
                   "FROM nodes n ORDER BY n.nid");
  sql::Statement aliases(impl_->db, "SELECT nid, alias FROM aliases ORDER BY nid, alias");
  bool more_aliases = aliases.step();
  while (q.step()) {
    Node node;
    const std::int64_t nid = q.int64(0);
    node.id = q.text(1);
    node.type = q.text(2);
    node.name = q.text(3);
    // A date is digits and hyphens; anything else (a damaged file) is left out.
    const std::string date = q.is_null(4) ? "" : q.text(4);
    const bool plain = !date.empty() && date.find_first_not_of("0123456789-") == std::string::npos;
    node.props = plain ? "{\"date\":\"" + date + "\"}" : "{}";
    while (more_aliases && aliases.int64(0) < nid) more_aliases = aliases.step();
    while (more_aliases && aliases.int64(0) == nid) {
      node.aliases.push_back(aliases.text(1));
      more_aliases = aliases.step();
    }
    fn(node);
  }
}

void Store::for_each_edge(const std::function<void(const Edge&)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db, std::string(kEdgeSelect) + "ORDER BY s.id, e.type, d.id, e.date");
  sql::Statement citations(impl_->db, kCitationSelect);
  while (q.step()) fn(edge_from_row(q, citations));
}

namespace {

// Every Document's row: its key, id, name, `publisher` prop and first publisher by `published`
// edge. json_type() guards against a hostile file: a publisher that is a number or an object is no
// publisher, rather than its JSON text.
constexpr const char* kDocumentSelect =
    "SELECT doc.nid, doc.id, doc.name, " ERGRAPH_PUBLISHER_OF_DOC
    ", "
    "(SELECT o.name FROM edges e JOIN nodes o ON o.nid = e.src "
    " WHERE e.dst = doc.nid AND e.type = 'published' ORDER BY o.id LIMIT 1) "
    "FROM nodes doc WHERE doc.type = 'Document' ";

DocumentRow document_from_row(const sql::Statement& q) {
  DocumentRow d;
  d.key = q.int64(0);
  d.id = q.text(1);
  d.name = q.text(2);
  if (!q.is_null(3)) d.publisher = q.text(3);
  if (!q.is_null(4)) d.published_by = q.text(4);
  return d;
}

}  // namespace

std::vector<DocumentRow> Store::documents() const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db, std::string(kDocumentSelect) + "ORDER BY doc.id");
  std::vector<DocumentRow> out;
  while (q.step()) out.push_back(document_from_row(q));
  return out;
}

void Store::scan_citations(const std::function<void(std::int64_t, std::int64_t)>& fn) const {
  const store::MappedScan mapped(impl_->db, impl_->scans);
  sql::Statement q(impl_->db, "SELECT eid, doc FROM citations ORDER BY eid, doc");
  while (q.step()) fn(q.int64(0), q.int64(1));
}

std::optional<std::string> Store::document_text(std::string_view doc_id) const {
  sql::Statement q(impl_->db,
                   "SELECT d.text FROM documents d JOIN nodes n ON n.nid = d.nid WHERE n.id = ?1");
  if (!q.bind(doc_id).step()) return std::nullopt;
  return q.text(0);
}

std::vector<Citation> Store::citations_of(std::string_view doc_id) const {
  sql::Statement q(impl_->db,
                   "SELECT c.quote FROM citations c JOIN nodes n ON n.nid = c.doc "
                   "WHERE n.id = ?1 ORDER BY c.cid");
  std::vector<Citation> out;
  q.bind(doc_id);
  while (q.step()) out.push_back(Citation{std::string(doc_id), q.text(0)});
  return out;
}

}  // namespace ergraph
