// Typed exceptions thrown by the radsig core. The R glue translates them into classed R
// conditions (see rpkg/src/glue_error.h); C++ callers can catch by type.
#pragma once

#include <stdexcept>
#include <string>

namespace radsig {

// Base class of every exception the core throws.
class error : public std::runtime_error {
 public:
  explicit error(const std::string& message) : std::runtime_error(message) {}
};

// An argument has a bad value, type, length or shape. `argument()` names it.
class invalid_argument : public error {
 public:
  invalid_argument(std::string argument, const std::string& message)
      : error("invalid argument '" + argument + "': " + message),
        argument_(std::move(argument)) {}
  const std::string& argument() const noexcept { return argument_; }

 private:
  std::string argument_;
};

// An iterative algorithm did not reach its tolerance within its iteration limit.
class convergence_error : public error {
 public:
  explicit convergence_error(const std::string& message) : error(message) {}
};

// Reading or writing a file failed.
class io_error : public error {
 public:
  explicit io_error(const std::string& message) : error(message) {}
};

// A long computation was stopped because the caller's interrupt callback asked for it.
class interrupted : public error {
 public:
  interrupted() : error("computation interrupted by the user") {}
};

}  // namespace radsig
