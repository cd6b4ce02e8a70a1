#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "../output.hpp"
#include "commands.hpp"
#include "ergraph/database.hpp"
#include "ergraph/text.hpp"

namespace ergraph::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractCliOptions {
  std::vector<std::string> files;
  std::string doc_id;
  std::string title;
  std::string published;
  std::string publisher;
  std::string output = "-";
  double min_confidence = 0.0;
  bool explain = false;
  double max_report_mb = 16;
};

// A news report is a few kilobytes; a file far larger is most likely not one report (a dump, a
// book, a binary) and would be held in memory whole.
std::string too_large(double mb, double limit) {
  char text[160];
  std::snprintf(text, sizeof text,
                "is %.1f MB; extract reads reports of up to %g MB (--max-report-size): split it "
                "into its reports",
                mb, limit);
  return text;
}

std::string read_report(const std::string& path, double limit_mb) {
  const auto limit = static_cast<std::uintmax_t>(limit_mb * 1e6);
  if (path == "-") {
    std::string text;
    char buffer[1 << 16];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
      if (limit_mb > 0 && text.size() > limit) {
        throw Error(ErrorCode::kInvalidInput,
                    "standard input " +
                        too_large(static_cast<double>(text.size()) / 1e6, limit_mb) +
                        " (it holds more)",
                    Location{"-"});
      }
    }
    return text;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw Error(ErrorCode::kIo, "is a folder, not a report", Location{path});
  }
  if (const std::uintmax_t size = fs::file_size(path, ec); !ec && limit_mb > 0 && size > limit) {
    throw Error(ErrorCode::kInvalidInput, too_large(static_cast<double>(size) / 1e6, limit_mb),
                Location{path});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read the report", Location{path});
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::kIo, "cannot read the report", Location{path});
  return text.str();
}

// The report's path as seen from the output's folder, when it lies there or below: the
// Document then names its text (text_file) instead of holding it.
std::string text_file_for(const std::string& report, const std::string& output) {
  if (report == "-" || output == "-") return "";
  std::error_code ec;
  const fs::path folder = fs::absolute(fs::path(output), ec).parent_path().lexically_normal();
  const fs::path file = fs::absolute(fs::path(report), ec).lexically_normal();
  if (ec) return "";
  const fs::path relative = file.lexically_relative(folder);
  if (relative.empty() || *relative.begin() == "..") return "";
  return relative.generic_string();
}

}  // namespace

Command extract_command() {
  return {
      "extract", "propose cited nodes and edges from news reports, for review and import",
      [](CLI::App& sub, Context& ctx) {
        auto o = std::make_shared<ExtractCliOptions>();
        sub.add_option("files", o->files, "report text files (UTF-8); - reads one from stdin")
            ->required()
            ->expected(1, -1);
        sub.add_option("--doc-id", o->doc_id,
                       "the Document's id (one file only; default: doc: and the file name)");
        sub.add_option("--title", o->title,
                       "the report's title (default: its first line, "
                       "when that reads as a headline)");
        sub.add_option("--published", o->published,
                       "publication date YYYY[-MM[-DD]] (default: a date line in the text); "
                       "'on Friday' is read from it");
        sub.add_option("--publisher", o->publisher, "who published the report");
        sub.add_option("-o,--output", o->output, "where to write the proposals (default: stdout)");
        sub.add_option("--min-confidence", o->min_confidence,
                       "leave out proposals less sure than this (0 to 1)")
            ->check(CLI::Range(0.0, 1.0));
        sub.add_option("--max-report-size", o->max_report_mb,
                       "refuse a report larger than this many MB (default 16; 0: no limit)")
            ->check(CLI::NonNegativeNumber);
        sub.add_flag("--explain", o->explain,
                     "print on stderr, sentence by sentence, what was found and why");
        sub.footer(
            "Writes JSON Lines that `ergraph validate` and `ergraph import` accept: review them "
            "first.\nExample: ergraph extract samples/istanbul-2025/docs/*.txt -o proposed.jsonl");
        return [o, &ctx] {
          if (!o->doc_id.empty() && o->files.size() != 1) {
            throw Error(ErrorCode::kUsage, "--doc-id names one report: give one file");
          }
          if (!o->published.empty() && !is_valid_date(o->published)) {
            throw Error(ErrorCode::kUsage, "--published: '" + o->published +
                                               "' is not a date YYYY, YYYY-MM or YYYY-MM-DD");
          }
          std::vector<ReportInput> reports;
          for (const std::string& file : o->files) {
            ReportInput r;
            r.source = file;
            r.text = read_report(file, o->max_report_mb);
            r.doc_id = o->doc_id;
            r.title = o->title;
            r.published = o->published;
            r.publisher = o->publisher;
            r.text_file = text_file_for(file, o->output);
            reports.push_back(std::move(r));
          }
          bool used_database = false;
          const Extraction result = ctx.db().extract(
              reports, ExtractOptions{o->min_confidence, o->explain}, used_database);
          for (const std::string& line : result.explain) *ctx.err << line << '\n';
          write_output(o->output, result.jsonl, *ctx.out);
          if (!ctx.quiet) {
            *ctx.err << "extract: " << result.documents << " report"
                     << (result.documents == 1 ? "" : "s") << ", " << result.nodes << " new nodes, "
                     << result.aliases << " new aliases, " << result.edges << " edges"
                     << (o->output == "-" ? "" : " -> " + o->output)
                     << (used_database ? "" : " (no database: built-in schema, no known nodes)")
                     << "\n";
          }
          return kExitOk;
        };
      }};
}

}  // namespace ergraph::cli
