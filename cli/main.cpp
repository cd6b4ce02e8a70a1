#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  ergraph::cli::remove_partial_files_on_interrupt();
  ergraph::cli::Session session;
  return ergraph::cli::run(args, std::cout, std::cerr, std::cerr, session);
}
