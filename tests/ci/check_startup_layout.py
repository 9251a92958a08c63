#!/usr/bin/env python3
"""The program was linked in its startup layout (cmake/StartupLayout.cmake).

  check_startup_layout.py LEXGATE ORDER_FILE

Fails when the functions of ORDER_FILE lie spread over the program's code as an ordinary link
leaves them (the layout was lost: a build change, another linker), or when most of them are no
longer in the program (the list is stale: run scripts/update-startup-order).
"""
import subprocess
import sys

# Listed functions of archives built without -ffunction-sections (yaml-cpp, libcrypto) bring
# the rest of their object's code along, so the listed code spans somewhat more than its size;
# an ordinary link spreads it over five times its size.
MAX_SPAN_OVER_SIZE = 2.0
MIN_FOUND = 0.6


def function_symbols(program):
    listing = subprocess.run(["nm", "--defined-only", "-S", program], check=True,
                             capture_output=True, text=True).stdout
    symbols = {}
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "TtWw":
            symbols[fields[3]] = (int(fields[0], 16), int(fields[1], 16))
    return symbols


def main():
    program, order_file = sys.argv[1], sys.argv[2]
    with open(order_file, encoding="utf-8") as names:
        listed = [name for name in names.read().split() if name]
    symbols = function_symbols(program)
    placed = [symbols[name] for name in listed if name in symbols]
    found = len(placed) / len(listed)
    if found < MIN_FOUND:
        sys.exit(f"startup layout: only {len(placed)} of the {len(listed)} functions of "
                 f"{order_file} are in {program}; the list is stale: run "
                 f"scripts/update-startup-order and commit it")
    start = min(address for address, _ in placed)
    end = max(address + size for address, size in placed)
    size = sum(size for _, size in placed)
    span = end - start
    print(f"startup layout: {len(placed)} of {len(listed)} listed functions found, "
          f"{size // 1024} KB of code within {span // 1024} KB")
    if span > MAX_SPAN_OVER_SIZE * size:
        sys.exit(f"startup layout: the listed functions are spread over {span // 1024} KB for "
                 f"{size // 1024} KB of code; {program} was not linked with {order_file}")


if __name__ == "__main__":
    main()
