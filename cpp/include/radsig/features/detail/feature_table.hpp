// Internal: a class's feature table (an array of entries with `name` and `fn(stats)`) turned
// into the class's names and values, in table order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "radsig/features/registry.hpp"

namespace radsig::features::detail {

template <typename Entry, std::size_t N>
std::vector<std::string> table_names(const Entry (&table)[N]) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const auto& f : table) out.emplace_back(f.name);
  return out;
}

// Every entry evaluated on `st`; all of them are active features.
template <typename Entry, std::size_t N, typename Stats>
class_values evaluate_table(const Entry (&table)[N], const Stats& st) {
  class_values out;
  out.names = table_names(table);
  out.values.reserve(N);
  for (const auto& f : table) out.values.push_back(f.fn(st));
  out.n_active = N;
  return out;
}

}  // namespace radsig::features::detail
