// The exported entry point of the solver module.
#include "analyse/module_abi.hpp"
#include "analyse/solver/planner.hpp"

extern "C" __attribute__((visibility("default"))) const lexgate::analyse::module_entry*
lexgate_analyse_module_entry() {
  static const lexgate::analyse::module_entry entry{
      lexgate::version(), lexgate::analyse::layout_fingerprint, &lexgate::analyse::plan};
  return &entry;
}
