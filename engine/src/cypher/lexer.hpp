// Private to cypher/: the query text as tokens, the cursor the parser reads them with, and
// the one way a query is refused: "query:LINE:COLUMN: message" with the line and a caret.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ergraph::cypher {

// Error(kInvalidInput) placed at `at` (a byte offset in `text`): "query:LINE:COLUMN: message",
// then the line and a caret under the column.
[[noreturn]] void query_error(std::string_view text, std::size_t at, const std::string& message);

enum class Tok { kEnd, kIdent, kQuotedIdent, kString, kInteger, kFloat, kParam, kSymbol };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // identifier, symbol, string contents or parameter name
  std::size_t at = 0;
  std::int64_t integer = 0;
  double real = 0;
};

// The tokens of `text`, ending with one kEnd; query_error on a character or literal that
// cannot start a token (an unterminated string, '!=', an integer past 2^63 - 1).
std::vector<Token> tokenize(std::string_view text);

// Words that cannot name a variable unquoted (MATCH, WHERE, AND, ...), compared ignoring case.
bool reserved(std::string_view word);
std::string lower(std::string_view s);
std::string upper(std::string_view s);

// Reading tokens in order: look, accept, expect; every refusal through query_error.
class TokenCursor {
 public:
  explicit TokenCursor(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

 protected:
  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;

  // Nesting guard: a hostile query of ten thousand '(' — or of ten thousand '+ 1', which
  // builds as deep a tree — must not exhaust the stack of the parser, the binder or the
  // evaluation, all recursive. A chain of operators deepens the tree by one per operator.
  static constexpr int kMaxDepth = 200;
  struct Nest {
    // `counted`: the construction itself is a level (a parenthesis, a call); else only each
    // deeper() is (an operator appended to a chain).
    explicit Nest(TokenCursor& p, bool counted = true) : p_(p) {
      if (counted) deeper();
    }
    void deeper() {
      ++levels_;
      if (++p_.depth_ > kMaxDepth) {
        p_.fail("the query nests too deeply (more than " + std::to_string(kMaxDepth) +
                " levels of parentheses, operators or lookups)");
      }
    }
    ~Nest() { p_.depth_ -= levels_; }
    TokenCursor& p_;
    int levels_ = 0;
  };
  // Long runs that the matcher and the pipeline walk recursively.
  static constexpr std::size_t kMaxElements = 100;
  void at_most(std::size_t count, const char* what) const {
    if (count > kMaxElements) {
      fail(std::string("more than ") + std::to_string(kMaxElements) + " " + what +
           ": split the query");
    }
  }

  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool at_end() const { return peek().kind == Tok::kEnd; }
  bool symbol(std::string_view s, std::size_t ahead = 0) const {
    return peek(ahead).kind == Tok::kSymbol && peek(ahead).text == s;
  }
  // The identifier `k` (lower case), in any case.
  bool keyword(std::string_view k, std::size_t ahead = 0) const;
  bool accept_symbol(std::string_view s);
  bool accept_keyword(std::string_view k);
  // How a token reads in "found ...".
  std::string describe(const Token& t) const;
  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void expected(const std::string& what) const;
  void expect_symbol(std::string_view s, const std::string& context);
  void expect_keyword(std::string_view k, const std::string& context);
  // A variable, label or key: an identifier, or a `quoted` one.
  std::string name(const std::string& what, bool allow_reserved = false);
  // Whether the '(' here starts a pattern: a parenthesised group followed by '-[', '--' or
  // '<-' (scanned to the matching ')' without parsing), not a parenthesised expression.
  bool at_pattern() const;
  // How far a token reaches in the text (for the column name of an unaliased expression).
  std::size_t token_length(const Token& t) const;
};

}  // namespace ergraph::cypher
