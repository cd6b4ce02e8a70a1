// Database: same actor, two nodes — merges, unmerges and distinct judgements through the store,
// likely duplicates through the query layer (README "Same actor, two names").
#include <cstdlib>
#include <ctime>

#include "database_impl.hpp"
#include "ergraph/database.hpp"

namespace ergraph {

namespace {

// Now in UTC as YYYY-MM-DDTHH:MM:SSZ, or SOURCE_DATE_EPOCH's time when that is set (the
// reproducible-builds convention), so that tests and archived cases get the same bytes.
std::string judgement_time() {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0) {
      throw Error(ErrorCode::kUsage,
                  "SOURCE_DATE_EPOCH is not a number of seconds: " + std::string(epoch));
    }
    t = static_cast<std::time_t>(v);
  }
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

MergeReport Database::merge(const std::string& keep, const std::string& drop,
                            const std::string& why, bool dry_run) {
  const std::string keep_id = impl_->read_store().resolve(keep).id;
  const std::string drop_id = impl_->read_store().resolve(drop).id;
  const std::string at = judgement_time();
  MergeReport report = impl_->write_store().merge(keep_id, drop_id, why, at, dry_run);
  impl_->changed();
  if (!dry_run) impl_->image_stale = true;
  return report;
}

Judgement Database::unmerge(const std::string& drop_id) {
  const std::string at = judgement_time();
  Judgement j = impl_->write_store().unmerge(drop_id, at);
  impl_->changed();
  impl_->image_stale = true;
  return j;
}

Judgement Database::distinct(const std::string& a, const std::string& b, const std::string& why) {
  const std::string a_id = impl_->read_store().resolve(a).id;
  const std::string b_id = impl_->read_store().resolve(b).id;
  const std::string at = judgement_time();
  Judgement j = impl_->write_store().record_distinct(a_id, b_id, why, at);
  impl_->changed();
  impl_->image_stale = true;
  return j;
}

XrefAnswer Database::xref(const XrefOptions& options) {
  if (!options.node_type.empty()) impl_->check_node_type(options.node_type);
  return find_duplicates(impl_->read_store(), impl_->snapshot(), options);
}

std::vector<Judgement> Database::judgements(bool with_undone) {
  return impl_->read_store().judgements(with_undone);
}

}  // namespace ergraph
