// Precompiled-header anchor: the headers are listed in common/CMakeLists.txt.
