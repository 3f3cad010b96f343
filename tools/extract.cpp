// STUB: minimal extract, replaced by the real CLI.
#include <fstream>
#include <iostream>
#include <sstream>

#include <warta/warta.hpp>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    warta::Extractor ex;
    warta::DocumentOptions o;
    o.id = argv[1];
    std::cout << warta::to_json(ex.extract(ss.str(), o), {.indent = 2}) << '\n';
}
