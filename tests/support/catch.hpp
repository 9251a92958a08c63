// The one place that chooses the Catch2 generation (Debian 12 ships v2).
#pragma once

#include <catch2/catch.hpp>
