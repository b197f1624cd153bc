// Internal: marching-cubes triangle table and convex-hull helpers for the shape classes.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace radsig::features::detail {

// Edge midpoints of a cell in half-voxel units, (z, y, x) (FEATURES.md 9.2).
extern const int kEdgeHalf[12][3];

// Triangles (edge triples) of a cube configuration 0..127 (corner 7 outside).
const std::vector<std::array<int, 3>>& cube_triangles(int config);

struct point2 {
  double a, b;
  std::size_t id = 0;  // caller's index, carried through the hull
};

// Largest Euclidean distance between points (through their 2-D convex hull).
double max_distance_2d(std::vector<point2> pts);

// Vertices of the 2-D convex hull (monotone chain), collinear points dropped.
std::vector<point2> convex_hull_2d(std::vector<point2> pts);

// Integer lattice point (half-voxel units on the mesh).
struct ipoint2 {
  long long a, b;
};

// Convex hull (counter-clockwise, collinear points dropped) of lattice points already sorted
// by (a, b) without duplicates; exact integer arithmetic.
std::vector<ipoint2> convex_hull_sorted(const std::vector<ipoint2>& pts);

// convex_hull_sorted of the row extremes (r, lo[r]) and (r, hi[r]) of the rows
// r < n_rows with lo[r] <= hi[r] (same vertices, same order), written to `hull` (room for
// 2 * n_rows + 2 points); returns the vertex count. The lower chain meets only row minima
// and the upper chain only row maxima, so each chain runs over one point per row.
std::size_t convex_hull_rows(const int* lo, const int* hi, int n_rows, ipoint2* hull);

// Largest distance between vertices of a convex polygon (counter-clockwise, no collinear
// vertices) after scaling a by `sa` and b by `sb`: rotating calipers over the antipodal
// pairs (antipodality is invariant under axis scaling, so the pairs are found exactly on
// the lattice).
double hull_diameter(const std::vector<ipoint2>& hull, double sa, double sb);
double hull_diameter(const ipoint2* hull, std::size_t n, double sa, double sb);

}  // namespace radsig::features::detail
