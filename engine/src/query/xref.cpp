// find_duplicates(): candidate pairs by blocking on spellings, scored by names and shared
// neighbours (xref.hpp says the rules).
#include "ergraph/xref.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "ergraph/spelling.hpp"
#include "ergraph/text.hpp"

namespace ergraph {
namespace {

struct Spelling {
  std::string key;                 // name_key
  std::vector<std::string> words;  // skeletons of its ASCII words
};

struct Candidate {
  const char* reason = nullptr;
  double score = 0;
  std::string detail;
};

// Why two spellings may name one actor, or a null reason.
Candidate compare(const Spelling& x, const Spelling& y, bool surnames) {
  if (!x.key.empty() && x.key == y.key) return {"same name", 1.0, ""};
  if (x.words.empty() || y.words.empty()) return {};
  if (x.words == y.words) return {"spelling variant", 0.9, ""};
  if (!surnames || x.words.back() != y.words.back()) return {};
  if (x.words.size() == 1 || y.words.size() == 1) {
    return {"same surname, one name of one word", 0.6, ""};
  }
  const std::string& a = x.words.front();
  const std::string& b = y.words.front();
  // The same first name, an initial of it, or a spelling one letter off (Ann / Anne).
  const bool compatible = a == b || (a.size() == 1 && b.front() == a.front()) ||
                          (b.size() == 1 && a.front() == b.front()) ||
                          (std::min(a.size(), b.size()) >= 3 && edit_distance(a, b) <= 1);
  if (compatible) return {"same surname, compatible first names", 0.75, ""};
  return {};
}

constexpr double kNeighbourBonus = 0.05;
constexpr double kMaxNeighbourBonus = 0.15;
constexpr std::size_t kMaxNeighbourDegree = 5000;  // a hub's neighbours are not compared
constexpr std::size_t kNamedNeighbours = 3;        // reasons name this many, then count

}  // namespace

std::string spelling_skeleton(const std::string& word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    if ((c == 'k' && next == 'h') || (c == 'p' && next == 'h') || (c == 'c' && next == 'k')) {
      out += c == 'k' ? 'h' : c == 'p' ? 'f' : 'k';
      ++i;
      continue;
    }
    if (c == 'y' || c == 'j') c = 'i';
    if (c == 'w') c = 'v';
    // A doubled letter is a spelling; a doubled digit is another number (10 is not 100).
    const bool digit = c >= '0' && c <= '9';
    if (digit || out.empty() || out.back() != c) out += c;
  }
  return out;
}

XrefAnswer find_duplicates(const Store& store, const GraphSnapshot& graph,
                           const XrefOptions& options) {
  XrefAnswer answer;
  std::set<std::pair<std::string, std::string>> distinct;
  for (const Judgement& j : store.judgements()) {
    if (j.kind == "distinct") distinct.insert(std::minmax(j.keep, j.drop));
  }
  // Every node's spellings, and the blocks they fall in.
  std::vector<Node> nodes;
  std::vector<std::vector<Spelling>> spellings;
  std::unordered_map<std::string, std::vector<std::uint32_t>> blocks;
  store.for_each_name([&](Node& node) {
    if (!options.node_type.empty() && node.type != options.node_type) return;
    const auto index = static_cast<std::uint32_t>(nodes.size());
    std::vector<Spelling> mine;
    std::set<std::string> keys;  // this node's blocks, each once
    auto add = [&](const std::string& text) {
      Spelling s{name_key(text), {}};
      for (const std::string& word : ascii_words(text)) s.words.push_back(spelling_skeleton(word));
      const std::string prefix = node.type + '\x1f';
      if (!s.key.empty()) keys.insert(prefix + "k" + s.key);
      if (!s.words.empty()) {
        std::string joined;
        for (const std::string& w : s.words) joined += w + ' ';
        keys.insert(prefix + "s" + joined);
        // Surnames are a person's: a one-word spelling may be one alone, and meets the
        // longer names ending in it. (For other types a last word is no surname: "Ceasefire"
        // and "30-day ceasefire" are two topics.)
        if (node.type == "Person") keys.insert(prefix + "l" + s.words.back());
      }
      mine.push_back(std::move(s));
    };
    add(node.name);
    for (const std::string& alias : node.aliases) add(alias);
    for (const std::string& key : keys) blocks[key].push_back(index);
    node.props = "{}";
    nodes.push_back(std::move(node));
    spellings.push_back(std::move(mine));
  });
  answer.nodes = nodes.size();

  // Pairs within blocks, each scored by its best pair of spellings.
  std::map<std::pair<std::uint32_t, std::uint32_t>, Candidate> pairs;
  std::vector<std::string> block_keys;
  block_keys.reserve(blocks.size());
  for (const auto& [key, members] : blocks) {
    if (members.size() >= 2) block_keys.push_back(key);
  }
  std::sort(block_keys.begin(), block_keys.end());
  for (const std::string& key : block_keys) {
    const std::vector<std::uint32_t>& members = blocks[key];
    if (members.size() > options.max_block) {
      ++answer.skipped_blocks;
      continue;
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        const std::pair<std::uint32_t, std::uint32_t> pair{members[i], members[j]};
        if (pairs.count(pair)) continue;
        Candidate best;
        for (const Spelling& x : spellings[pair.first]) {
          for (const Spelling& y : spellings[pair.second]) {
            const Candidate c = compare(x, y, nodes[pair.first].type == "Person");
            if (c.reason && c.score > best.score) best = c;
          }
        }
        pairs[pair] = best;
      }
    }
  }

  // Shared neighbours: the same node by the same edge type in the same direction.
  const Adjacency& g = graph.adjacency();
  auto neighbourhood = [&](VertexId v) {
    std::set<std::tuple<std::uint16_t, bool, std::uint32_t>> out;
    const std::uint32_t i = index_of(v);
    if (g.out_end(i) - g.out_begin(i) + g.in_sources(i).size() > kMaxNeighbourDegree) return out;
    const auto targets = g.out_targets(i);
    for (std::size_t k = 0; k < targets.size(); ++k) {
      out.emplace(g.attributes(g.out_begin(i) + static_cast<std::uint32_t>(k)).type, true,
                  targets[k]);
    }
    const auto sources = g.in_sources(i);
    const auto edges = g.in_edges(i);
    for (std::size_t k = 0; k < sources.size(); ++k) {
      out.emplace(g.attributes(edges[k]).type, false, sources[k]);
    }
    return out;
  };
  for (const auto& [pair, best] : pairs) {
    if (!best.reason) continue;
    Node a = nodes[pair.first], b = nodes[pair.second];
    if (distinct.count(std::minmax(a.id, b.id))) continue;
    XrefPair p;
    p.score = best.score;
    p.reasons.push_back(best.reason);
    const std::optional<VertexId> va = graph.vertex(a.id), vb = graph.vertex(b.id);
    if (va && vb) {
      const auto na = neighbourhood(*va), nb = neighbourhood(*vb);
      double bonus = 0;
      std::size_t shared = 0;
      for (const auto& n : na) {
        if (!nb.count(n)) continue;
        const auto& [type, out, other] = n;
        if (other == index_of(*va) || other == index_of(*vb)) continue;
        bonus += kNeighbourBonus;
        if (++shared > kNamedNeighbours) continue;
        const std::string& name = graph.node_name(VertexId(other));
        const std::string& edge = graph.edge_types()[type];
        p.reasons.push_back(out ? "both " + edge + " " + name : name + " " + edge + " both");
      }
      if (shared > kNamedNeighbours) {
        p.reasons.push_back("and " + std::to_string(shared - kNamedNeighbours) +
                            " more shared neighbours");
      }
      p.score = std::min(1.0, p.score + std::min(bonus, kMaxNeighbourBonus));
      auto degree = [&](VertexId v) {
        const std::uint32_t i = index_of(v);
        return static_cast<std::size_t>(g.out_end(i) - g.out_begin(i)) + g.in_sources(i).size();
      };
      p.a_degree = degree(*va);
      p.b_degree = degree(*vb);
    }
    if (p.score + 1e-9 < options.min_score) continue;
    if (p.b_degree > p.a_degree || (p.b_degree == p.a_degree && b.id < a.id)) {
      std::swap(a, b);
      std::swap(p.a_degree, p.b_degree);
    }
    a.aliases.clear();
    b.aliases.clear();
    p.a = std::move(a);
    p.b = std::move(b);
    answer.pairs.push_back(std::move(p));
  }
  std::sort(answer.pairs.begin(), answer.pairs.end(), [](const XrefPair& x, const XrefPair& y) {
    if (x.score != y.score) return x.score > y.score;
    const auto& [x1, x2] = std::minmax(x.a.id, x.b.id);
    const auto& [y1, y2] = std::minmax(y.a.id, y.b.id);
    return std::tie(x1, x2) < std::tie(y1, y2);
  });
  return answer;
}

}  // namespace ergraph
