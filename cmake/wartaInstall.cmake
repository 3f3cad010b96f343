# Installation: headers, library, CMake package, pkg-config file, extract.
# (filled in by the packaging work)
