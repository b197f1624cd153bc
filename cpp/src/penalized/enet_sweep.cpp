// The inner kernel of naive coordinate descent: one sweep over the observations that
// applies the pending residual update of the previous coordinate and computes the inner
// product (and, after new working weights, the weighted square norm) of the next one, so
// the residual is read and written once per coordinate step instead of twice. Written
// with Eigen's packet primitives (SSE2/AVX/NEON, whatever Eigen was compiled for).
#include <Eigen/Core>

#include "radsig/penalized/detail/enet_cd.hpp"

namespace radsig::penalized::detail {
namespace {

namespace ei = Eigen::internal;
using packet = ei::packet_traits<double>::type;
constexpr Eigen::Index kWidth = static_cast<Eigen::Index>(sizeof(packet) / sizeof(double));

template <bool Axpy, bool Unit, bool Norm>
double sweep(double* r, const double* v, const double* xa, double delta, const double* xb,
             Eigen::Index n, double* norm) {
  packet acc0 = ei::pset1<packet>(0.0), acc1 = acc0, nrm0 = acc0, nrm1 = acc0;
  const packet pd = ei::pset1<packet>(delta);
  Eigen::Index i = 0;
  for (; i + 2 * kWidth <= n; i += 2 * kWidth) {
    packet r0 = ei::ploadu<packet>(r + i), r1 = ei::ploadu<packet>(r + i + kWidth);
    if constexpr (Axpy) {
      packet s0 = ei::pmul(pd, ei::ploadu<packet>(xa + i));
      packet s1 = ei::pmul(pd, ei::ploadu<packet>(xa + i + kWidth));
      if constexpr (!Unit) {
        s0 = ei::pmul(s0, ei::ploadu<packet>(v + i));
        s1 = ei::pmul(s1, ei::ploadu<packet>(v + i + kWidth));
      }
      r0 = ei::psub(r0, s0);
      r1 = ei::psub(r1, s1);
      ei::pstoreu(r + i, r0);
      ei::pstoreu(r + i + kWidth, r1);
    }
    const packet x0 = ei::ploadu<packet>(xb + i), x1 = ei::ploadu<packet>(xb + i + kWidth);
    acc0 = ei::padd(acc0, ei::pmul(x0, r0));
    acc1 = ei::padd(acc1, ei::pmul(x1, r1));
    if constexpr (Norm) {
      nrm0 = ei::padd(nrm0, ei::pmul(ei::ploadu<packet>(v + i), ei::pmul(x0, x0)));
      nrm1 = ei::padd(nrm1, ei::pmul(ei::ploadu<packet>(v + i + kWidth), ei::pmul(x1, x1)));
    }
  }
  double acc = ei::predux(ei::padd(acc0, acc1));
  double nrm = Norm ? ei::predux(ei::padd(nrm0, nrm1)) : 0.0;
  for (; i < n; ++i) {
    if constexpr (Axpy) r[i] -= Unit ? delta * xa[i] : delta * xa[i] * v[i];
    acc += xb[i] * r[i];
    if constexpr (Norm) nrm += v[i] * (xb[i] * xb[i]);
  }
  if constexpr (Norm) *norm = nrm;
  return acc;
}

}  // namespace

double column_sweep(double* r, const double* v, const double* xa, double delta,
                    const double* xb, Eigen::Index n, double* norm, bool unit) {
  if (xa == nullptr) {
    return norm ? sweep<false, false, true>(r, v, xa, delta, xb, n, norm)
                : sweep<false, false, false>(r, v, xa, delta, xb, n, norm);
  }
  if (unit) {
    return norm ? sweep<true, true, true>(r, v, xa, delta, xb, n, norm)
                : sweep<true, true, false>(r, v, xa, delta, xb, n, norm);
  }
  return norm ? sweep<true, false, true>(r, v, xa, delta, xb, n, norm)
              : sweep<true, false, false>(r, v, xa, delta, xb, n, norm);
}

}  // namespace radsig::penalized::detail
