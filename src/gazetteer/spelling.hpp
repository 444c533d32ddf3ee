#pragma once

#include <span>
#include <string>

#include "gazetteer/gazetteer.hpp"

namespace conflictmap::gazetteer {

// The postings of a common other spelling of a name the index does not
// hold under `key` (a normalised key): doubled letters written single,
// ou/au/u, ee/i, kh/k, q/k, y/i, a/e, the Arabic article dropped. One
// rewrite at a time, the first that names a place wins; empty when none.
// For names nothing else matched: a variant is weaker evidence than the
// name itself.
std::span<const detail::PostingRecord> find_spelling_variant(const Gazetteer& gazetteer, const std::string& key);

// Only the Arabic article written another way ("jisr al shughur" ->
// "jisr ash shughur"): cheap enough to try on every multi-word name.
std::span<const detail::PostingRecord> find_article_variant(const Gazetteer& gazetteer, const std::string& key);

}  // namespace conflictmap::gazetteer
