// The reference floor for the warm path benchmark: a bare compressed-sparse-row graph and a
// bidirectional breadth-first search with nothing else — no filters, no edge types, no dates, no
// store. ergraph's path search should stay within a small factor of this.
//
// Usage: csr_bfs NODES.csv EDGES.csv PAIRS.txt
// Reads the benchmark's CSV files (header line, id first / source,target first) and the pairs
// (two ids per line), then prints one line per pair: "hops micros touched" (hops -1 when
// unconnected; touched: the vertices the search reached).
// Edges are followed either way, as `ergraph path` does by default.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

struct Csr {
  std::vector<std::uint32_t> start;  // n + 1
  std::vector<std::uint32_t> adjacent;
};

std::string first_fields(const std::string& line, int count, std::vector<std::string>& out) {
  out.clear();
  std::size_t begin = 0;
  for (int i = 0; i < count; ++i) {
    const std::size_t comma = line.find(',', begin);
    out.push_back(
        line.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return out.empty() ? std::string() : out.front();
}

Csr load(const char* nodes_csv, const char* edges_csv,
         std::unordered_map<std::string, std::uint32_t>& index) {
  std::ifstream nodes(nodes_csv);
  std::string line;
  std::vector<std::string> fields;
  std::getline(nodes, line);  // header
  while (std::getline(nodes, line)) {
    index.emplace(first_fields(line, 1, fields), static_cast<std::uint32_t>(index.size()));
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::ifstream edges(edges_csv);
  std::getline(edges, line);
  while (std::getline(edges, line)) {
    first_fields(line, 2, fields);
    const std::uint32_t s = index.at(fields[0]);
    const std::uint32_t t = index.at(fields[1]);
    arcs.emplace_back(s, t);
    arcs.emplace_back(t, s);
  }
  std::sort(arcs.begin(), arcs.end());
  Csr g;
  g.start.assign(index.size() + 1, 0);
  for (const auto& [s, t] : arcs) ++g.start[s + 1];
  for (std::size_t v = 0; v < index.size(); ++v) g.start[v + 1] += g.start[v];
  g.adjacent.reserve(arcs.size());
  for (const auto& arc : arcs) g.adjacent.push_back(arc.second);
  return g;
}

// Level-synchronous bidirectional BFS growing the side whose frontier has fewer edges to scan.
class Search {
 public:
  explicit Search(const Csr& g) : g_(g), side_(g.start.size() - 1, 0), dist_(side_.size(), 0) {}

  // Vertices the last search reached.
  std::size_t touched() const { return touched_.size(); }

  int hops(std::uint32_t s, std::uint32_t t) {
    for (std::uint32_t v : touched_) side_[v] = 0;
    touched_.clear();
    if (s == t) return 0;
    std::vector<std::uint32_t> front[2] = {{s}, {t}};
    side_[s] = 1;
    side_[t] = 2;
    dist_[s] = dist_[t] = 0;
    touched_ = {s, t};
    std::vector<std::uint32_t> next;
    while (!front[0].empty() && !front[1].empty()) {
      const int grow = cost(front[0]) <= cost(front[1]) ? 0 : 1;
      const std::uint8_t mine = static_cast<std::uint8_t>(grow + 1);
      int best = -1;
      next.clear();
      for (std::uint32_t u : front[grow]) {
        for (std::uint32_t i = g_.start[u]; i < g_.start[u + 1]; ++i) {
          const std::uint32_t w = g_.adjacent[i];
          if (side_[w] == mine) continue;
          if (side_[w] != 0) {  // reached by the other side: the searches meet
            const int length = dist_[u] + 1 + dist_[w];
            if (best < 0 || length < best) best = length;
            continue;
          }
          side_[w] = mine;
          dist_[w] = dist_[u] + 1;
          touched_.push_back(w);
          next.push_back(w);
        }
      }
      if (best >= 0) return best;
      front[grow].swap(next);
    }
    return -1;
  }

 private:
  std::size_t cost(const std::vector<std::uint32_t>& frontier) const {
    std::size_t c = 0;
    for (std::uint32_t v : frontier) c += g_.start[v + 1] - g_.start[v];
    return c;
  }

  const Csr& g_;
  std::vector<std::uint8_t> side_;
  std::vector<std::int32_t> dist_;
  std::vector<std::uint32_t> touched_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: csr_bfs NODES.csv EDGES.csv PAIRS.txt\n";
    return 2;
  }
  std::unordered_map<std::string, std::uint32_t> index;
  const Csr g = load(argv[1], argv[2], index);
  Search search(g);
  std::ifstream pairs(argv[3]);
  std::string a, b;
  while (pairs >> a >> b) {
    const auto started = std::chrono::steady_clock::now();
    const int hops = search.hops(index.at(a), index.at(b));
    const auto micros =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started)
            .count();
    std::printf("%d %.1f %zu\n", hops, micros, search.touched());
  }
  return 0;
}
