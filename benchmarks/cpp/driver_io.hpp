// Shared I/O and timing of the QuantLib benchmark drivers (ql_american.cpp, ql_heston.cpp):
// column-major doubles in (a leading count n, then n values per column), the median time of
// repeated passes, doubles out.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

struct Inputs {
  std::size_t n = 0;
  std::vector<double> data;
  const double* col(int j) const { return data.data() + j * n; }
};

inline Inputs loadColumns(const char* path, int cols) {
  std::ifstream f(path, std::ios::binary);
  if (!f) { std::perror(path); std::exit(2); }
  double nd = 0;
  f.read(reinterpret_cast<char*>(&nd), sizeof nd);
  Inputs in;
  in.n = static_cast<std::size_t>(nd);
  in.data.resize(cols * in.n);
  f.read(reinterpret_cast<char*>(in.data.data()), cols * in.n * sizeof(double));
  return in;
}

// Median wall time (ns) of `reps` calls of pass().
template <class Pass>
double medianNs(int reps, Pass&& pass) {
  std::vector<double> t;
  for (int k = 0; k < reps; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    pass();
    auto t1 = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

inline void writeDoubles(const std::string& path, const std::vector<double>& v) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}
