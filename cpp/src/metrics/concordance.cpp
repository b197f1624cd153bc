#include "radsig/metrics/concordance.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "radsig/core/error.hpp"

namespace radsig::metrics {

namespace {

// Counts over predictor ranks 0..size-1 with O(log n) update and prefix query.
class fenwick_counter {
 public:
  explicit fenwick_counter(std::size_t size) : tree_(size + 1, 0) {}
  void add(std::size_t rank) {
    ++total_;
    for (std::size_t i = rank + 1; i < tree_.size(); i += i & (~i + 1)) ++tree_[i];
  }
  // Number of stored ranks < rank.
  std::int64_t below(std::size_t rank) const {
    std::int64_t s = 0;
    for (std::size_t i = rank; i > 0; i -= i & (~i + 1)) s += tree_[i];
    return s;
  }
  std::int64_t total() const { return total_; }

 private:
  std::vector<std::int64_t> tree_;
  std::int64_t total_ = 0;
};

// Per-subject tallies over its comparable partners.
struct partner_tally {
  std::int64_t relevant = 0;  // r_i
  std::int64_t score = 0;     // w_i = concordant - discordant
  std::int64_t tied = 0;      // partners with the same predictor
};

// Partners of one subject among a set, split by predictor below / equal / above.
struct split_counts {
  std::int64_t below, equal, above;
};

split_counts query(const fenwick_counter& f, std::size_t rank) {
  const std::int64_t lt = f.below(rank);
  const std::int64_t le = f.below(rank + 1);
  return {lt, le - lt, f.total() - le};
}

split_counts query_sorted(const std::vector<std::size_t>& sorted, std::size_t rank) {
  auto lo = std::lower_bound(sorted.begin(), sorted.end(), rank);
  auto hi = std::upper_bound(lo, sorted.end(), rank);
  return {static_cast<std::int64_t>(lo - sorted.begin()), static_cast<std::int64_t>(hi - lo),
          static_cast<std::int64_t>(sorted.end() - hi)};
}

// `later_is_larger`: the partner outlives this subject, so a larger partner predictor is
// concordant; otherwise this subject outlives the partner.
void tally(partner_tally& t, const split_counts& s, bool partner_outlives) {
  t.relevant += s.below + s.equal + s.above;
  t.tied += s.equal;
  t.score += partner_outlives ? (s.above - s.below) : (s.below - s.above);
}

void validate(const std::vector<double>& predictor, const std::vector<double>& time,
              const std::vector<int>& status) {
  if (time.size() != predictor.size()) {
    throw invalid_argument("time", "must have the same length as the predictor");
  }
  if (status.size() != predictor.size()) {
    throw invalid_argument("status", "must have the same length as the predictor");
  }
  for (std::size_t i = 0; i < predictor.size(); ++i) {
    if (!std::isfinite(predictor[i])) {
      throw invalid_argument("predictor", "contains a non-finite value at position " +
                                              std::to_string(i + 1));
    }
    if (!std::isfinite(time[i])) {
      throw invalid_argument("time", "contains a non-finite value at position " +
                                         std::to_string(i + 1));
    }
    if (status[i] != 0 && status[i] != 1) {
      throw invalid_argument("status", "must be coded 0 (censored) / 1 (event)");
    }
  }
}

}  // namespace

concordance_result harrell_c(const std::vector<double>& predictor,
                             const std::vector<double>& time, const std::vector<int>& status) {
  validate(predictor, time, status);
  const std::size_t n = predictor.size();

  // Dense ranks of the predictor.
  std::vector<double> distinct = predictor;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::size_t> rank(n);
  for (std::size_t i = 0; i < n; ++i) {
    rank[i] = static_cast<std::size_t>(
        std::lower_bound(distinct.begin(), distinct.end(), predictor[i]) - distinct.begin());
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
  // Groups of exactly tied times: [starts[g], starts[g + 1]) in `order`.
  std::vector<std::size_t> starts;
  for (std::size_t k = 0; k < n; ++k) {
    if (k == 0 || time[order[k]] != time[order[k - 1]]) starts.push_back(k);
  }
  starts.push_back(n);
  const std::size_t n_groups = starts.size() - 1;

  std::vector<partner_tally> t(n);
  // Partners that had an event strictly earlier: this subject outlives them.
  fenwick_counter earlier_events(distinct.size());
  for (std::size_t g = 0; g < n_groups; ++g) {
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) {
      tally(t[order[k]], query(earlier_events, rank[order[k]]), false);
    }
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) {
      if (status[order[k]] == 1) earlier_events.add(rank[order[k]]);
    }
  }
  // Partners with a strictly later time, for events: they outlive this subject.
  fenwick_counter later(distinct.size());
  for (std::size_t g = n_groups; g-- > 0;) {
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) {
      if (status[order[k]] == 1) tally(t[order[k]], query(later, rank[order[k]]), true);
    }
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) later.add(rank[order[k]]);
  }
  // Same time: an event versus a censored subject (the censored one outlives).
  std::vector<std::size_t> censored_ranks, event_ranks;
  for (std::size_t g = 0; g < n_groups; ++g) {
    censored_ranks.clear();
    event_ranks.clear();
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) {
      (status[order[k]] == 1 ? event_ranks : censored_ranks).push_back(rank[order[k]]);
    }
    if (censored_ranks.empty() || event_ranks.empty()) continue;
    std::sort(censored_ranks.begin(), censored_ranks.end());
    std::sort(event_ranks.begin(), event_ranks.end());
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) {
      const std::size_t i = order[k];
      if (status[i] == 1) {
        tally(t[i], query_sorted(censored_ranks, rank[i]), true);
      } else {
        tally(t[i], query_sorted(event_ranks, rank[i]), false);
      }
    }
  }

  long double big_r = 0.0L, big_w = 0.0L, big_t = 0.0L;
  for (const partner_tally& x : t) {
    big_r += x.relevant;
    big_w += x.score;
    big_t += x.tied;
  }
  if (big_r == 0.0L) {
    throw invalid_argument("time", "the data have no comparable pair (no usable event)");
  }
  long double ss = 0.0L;
  for (const partner_tally& x : t) {
    const long double d = static_cast<long double>(x.relevant) * big_w -
                          static_cast<long double>(x.score) * big_r;
    ss += d * d;
  }
  concordance_result r;
  // Ordered-pair sums count each unordered pair twice.
  r.c = static_cast<double>((big_r + big_w) / (2.0L * big_r));
  r.dxy = 2.0 * (r.c - 0.5);
  r.sd_dxy = static_cast<double>(2.0L * std::sqrt(ss) / (big_r * big_r));
  r.se = r.sd_dxy / 2.0;
  r.comparable = static_cast<double>(big_r / 2.0L);
  r.tied_predictor = static_cast<double>(big_t / 2.0L);
  r.concordant = static_cast<double>((big_r - big_t + big_w) / 4.0L);
  r.discordant = static_cast<double>((big_r - big_t - big_w) / 4.0L);
  return r;
}

}  // namespace radsig::metrics
