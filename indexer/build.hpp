#pragma once
// kb-indexer check, build and watch.
#include "cli.hpp"

namespace cli {

int cmd_check(const Args& a);
int cmd_build(const Args& a);
int cmd_watch(const Args& a);

}  // namespace cli
