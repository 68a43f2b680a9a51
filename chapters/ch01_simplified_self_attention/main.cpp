#include "ch01/ch01.hpp"
#include "wb/chapter.hpp"
int main(int argc, char** argv) {
    wb::ChapterCli cli("ch01_simplified_self_attention", "Chapter 1");
    if (auto status = cli.parse(argc, argv)) return *status;
    return wb::run_chapter([] { fmt::print("{}\n", ch01::attention_scores(wb::Matrix{{1, 2}, {3, 4}})); return 0; });
}
