#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  ergraph::cli::remove_partial_files_on_interrupt();
  ergraph::cli::Session session;
  const int code = ergraph::cli::run(args, std::cout, std::cerr, std::cerr, session);
  // Once for the whole process, after a batch's last command: the next process's queries then
  // map the graph instead of rebuilding it.
  const std::string not_saved = session.save_stale_image();
  if (!not_saved.empty()) {
    std::cerr << "warning: the graph image was not saved (" << not_saved
              << "); queries rebuild the graph until the next import\n";
  }
  return code;
}
