// ergraph/model.hpp — the data model as plain values: nodes, edges and their citations, keyed by
// the string ids the data chooses. These are what readers produce, the store keeps and writers
// emit. Properties travel as canonical JSON object text (keys sorted, no spaces).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ergraph/error.hpp"

namespace ergraph {

struct Node {
  std::string id;
  std::string type;
  std::string name;
  std::vector<std::string> aliases;
  std::string props = "{}";
  // Documents only: the text (inline, or already read from text_file by the reader).
  std::optional<std::string> text;
};

struct Citation {
  std::string doc;    // id of a Document node
  std::string quote;  // must occur in the document's text (see normalize_for_quote)

  bool operator==(const Citation&) const = default;
};

// How much evidence an edge has: the distinct documents citing it, and how many independent
// sources they are (documents of one publisher count once; evidence.hpp). Derived, never
// stored or read from a data file: the engine fills it where it answers with cited edges.
struct SourceCount {
  std::uint32_t documents = 0;
  std::uint32_t independent = 0;
};

struct Edge {
  std::string type;
  std::string from;
  std::string to;
  std::string date;  // "" when undated, else YYYY, YYYY-MM or YYYY-MM-DD
  std::string props = "{}";
  std::vector<Citation> sources;
  SourceCount evidence = {};  // filled by the engine's answers; zero as read from a file
};

// An edge as walked: the stored edge with its citations, and whether it was walked from its
// `from` to its `to`.
struct CitedHop {
  Edge edge;
  bool along = true;
};

struct CitedPath {
  std::vector<Node> nodes;  // hops.size() + 1 of them, source first; id, type and name only
  std::vector<CitedHop> hops;
};

// A node or edge as read from a file, with where it came from for messages.
struct NodeRecord {
  Node node;
  Location where;
};

struct EdgeRecord {
  Edge edge;
  Location where;
};

// A recorded judgement about two nodes: the same actor (a merge: KEEP absorbed DROP, which is
// gone) or two different ones (distinct: the pair is not proposed again).
struct Judgement {
  std::int64_t number = 0;  // in the order made
  std::string kind;         // "merge" or "distinct"
  std::string keep, drop;   // merge: the kept and the merged-away id; distinct: the two ids
  std::string why;
  std::string at;               // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::int64_t generation = 0;  // the database's data generation when it was made
  std::string undo = "{}";      // merge: what it changed, as JSON, for unmerge
  std::string undone_at;        // "" while in force
};

struct JudgementRecord {
  Judgement judgement;
  Location where;
};

// How readers treat what a data file points at.
struct ReadOptions {
  // text_file names are read only from the data file's folder and below (standard input: the
  // working folder), so a data file cannot make an import store /etc/shadow or
  // /proc/self/environ. True reads them wherever they point: for data one trusts.
  bool text_files_anywhere = false;
  // A new node named like a node of its type (README "Same actor, two names") is an error, not
  // a warning.
  bool strict_names = false;
  // Every JSON Lines line through the full JSON parser, none through the shortcut for plain
  // edge lines (jsonl.hpp): the two read the same, and the tests and the fuzzer compare them.
  bool full_json_parse = false;
};

// Records read from one or more files, in file order.
struct RecordSet {
  std::vector<NodeRecord> nodes;
  std::vector<EdgeRecord> edges;
  std::vector<JudgementRecord> judgements;
  std::size_t edge_lines_left = 0;  // edge lines a first pass left for the edge pass (jsonl.hpp)
};

}  // namespace ergraph
