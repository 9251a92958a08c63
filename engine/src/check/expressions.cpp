// Name resolution and type checking of expressions (layer: check).
#include "check/expressions.hpp"

#include <algorithm>

#include "lexgate/date.hpp"

namespace lexgate::detail {

namespace {

bool is_scalar(const schema_type* t) {
  return t->kind != type_kind::list && t->kind != type_kind::map && t->kind != type_kind::record;
}

bool is_path(const checked_node& n) {
  switch (n.code) {
    case op::root_field:
    case op::field:
    case op::map_lookup:
    case op::variable:
      return true;
    default:
      return false;
  }
}

const char* binary_word(ast::binary_op o) {
  switch (o) {
    case ast::binary_op::logical_and:
      return "and";
    case ast::binary_op::logical_or:
      return "or";
    case ast::binary_op::eq:
      return "==";
    case ast::binary_op::ne:
      return "!=";
    case ast::binary_op::lt:
      return "<";
    case ast::binary_op::le:
      return "<=";
    case ast::binary_op::gt:
      return ">";
    case ast::binary_op::ge:
      return ">=";
    case ast::binary_op::in:
      return "in";
    case ast::binary_op::contains:
      return "contains";
    case ast::binary_op::subset_of:
      return "subset of";
    case ast::binary_op::intersects:
      return "intersects";
    case ast::binary_op::within:
      return "within";
  }
  return "?";
}

op binary_code(ast::binary_op o) {
  switch (o) {
    case ast::binary_op::logical_and:
      return op::logical_and;
    case ast::binary_op::logical_or:
      return op::logical_or;
    case ast::binary_op::eq:
      return op::eq;
    case ast::binary_op::ne:
      return op::ne;
    case ast::binary_op::lt:
      return op::lt;
    case ast::binary_op::le:
      return op::le;
    case ast::binary_op::gt:
      return op::gt;
    case ast::binary_op::ge:
      return op::ge;
    case ast::binary_op::in:
      return op::in;
    case ast::binary_op::contains:
      return op::contains;
    case ast::binary_op::subset_of:
      return op::subset_of;
    case ast::binary_op::intersects:
      return op::intersects;
    case ast::binary_op::within:
      return op::within;
  }
  return op::eq;
}

}  // namespace

std::string type_name(const schema_type* t) {
  if (t == nullptr) return "list";
  return t->name;
}

expression_checker::expression_checker(schema& types,
                                       const std::map<std::string, definition_ref>& definitions,
                                       diagnostic_bag& bag)
    : types_(types), definitions_(definitions), bag_(bag) {}

void expression_checker::error(const char* code, std::string message, span where,
                               std::string help) {
  if (quiet_) return;
  bag_.report(diagnostic_severity::error, code, std::move(message), file_, where, std::move(help));
}

const schema_type* expression_checker::scalar(type_kind kind) {
  // The schema's answer never changes once given: types are only ever added after it.
  const schema_type*& known = scalars_[static_cast<std::size_t>(kind)];
  if (known == nullptr) known = types_.scalar(kind);
  return known;
}

const schema_type* expression_checker::list_of(const schema_type* element) {
  for (const auto& t : types_.types) {
    if (t.kind == type_kind::list && t.element == element) return &t;
  }
  schema_type made;
  made.kind = type_kind::list;
  made.name = "list of " + type_name(element);
  made.element = element;
  return types_.add(std::move(made));
}

bool expression_checker::compatible(const schema_type* a, const schema_type* b) const {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case type_kind::enumeration:
    case type_kind::record:
      return false;  // distinct declarations never mix
    case type_kind::list:
    case type_kind::map:
      // An empty list literal has no element type and fits any list.
      return a->element == nullptr || b->element == nullptr || compatible(a->element, b->element);
    default:
      return true;
  }
}

bool expression_checker::is_literal(const checked_node& n) const {
  if (n.code == op::constant) return true;
  if (n.code != op::list) return false;
  return std::all_of(n.kids.begin(), n.kids.end(),
                     [](const checked_node& k) { return k.code == op::constant; });
}

bool expression_checker::coerce(checked_node& literal, const schema_type* target,
                                const ast::expr& where) {
  if (literal.code == op::list) {
    if (target->kind != type_kind::list) return compatible(literal.type, target);
    for (auto& item : literal.kids) {
      if (!coerce(item, target->element, where)) return false;
    }
    literal.type = target;
    return true;
  }
  if (literal.type->kind == type_kind::string && target->kind == type_kind::enumeration) {
    if (!target->has_enum_value(literal.constant.text)) {
      auto near = nearest_name(literal.constant.text, target->enum_values);
      std::string values;
      for (const auto& v : target->enum_values) values += (values.empty() ? "" : ", ") + v;
      error("check.unknown_value",
            "`" + literal.constant.text + "` is not a value of `" + target->name + "`", where.where,
            near ? "did you mean `" + *near + "`?" : "the values are: " + values);
      return false;
    }
    literal.type = target;
    return true;
  }
  if (literal.type->kind == type_kind::string && target->kind == type_kind::jurisdiction) {
    if (!types_.jurisdictions.known(literal.constant.text)) {
      auto near = nearest_name(literal.constant.text, types_.jurisdictions.codes());
      error("check.unknown_jurisdiction",
            "`" + literal.constant.text + "` is not a declared jurisdiction", where.where,
            near ? "did you mean `" + *near + "`?"
                 : "jurisdictions are declared in a `jurisdictions { ... }` block");
      return false;
    }
    literal.type = target;
    return true;
  }
  if (literal.type->kind == type_kind::string && schema::is_company(target)) {
    // A rule names a company by its entity's display name or id; the constant becomes the
    // display name, which is what a resolved profile holds.
    const entity_info* e = types_.entities.find_by_display_name(literal.constant.text);
    if (e == nullptr) e = types_.entities.find(literal.constant.text);
    if (e == nullptr) {
      std::vector<std::string> known;
      for (const auto& entity : types_.entities.all()) {
        known.push_back(entity.name);
        known.push_back(entity.id);
      }
      auto near = nearest_name(literal.constant.text, known);
      error("check.unknown_entity", "`" + literal.constant.text + "` is not a declared entity",
            where.where,
            near ? "did you mean `" + *near + "`?"
                 : "companies are declared as `entity ID { name ... }` (rules/entities.rules)");
      return false;
    }
    literal.constant.text = e->name;
    literal.type = target;
    return true;
  }
  return compatible(literal.type, target);
}

std::optional<checked_node> expression_checker::condition(const ast::expr& e,
                                                          const source_file& file) {
  file_ = &file;
  scope_.clear();
  start_expression();
  return expect_boolean(check(e), e, "a condition");
}

std::optional<checked_node> expression_checker::expect_boolean(std::optional<checked_node> n,
                                                               const ast::expr& e,
                                                               const char* role) {
  if (!n) return n;
  if (n->type->kind != type_kind::boolean) {
    error("check.type", std::string(role) + " must be a boolean, not `" + type_name(n->type) + "`",
          e.where,
          n->type->kind == type_kind::list ? "test it with `in`, `contains`, `any` or `all`"
                                           : "compare it with `==`, `!=`, `<` or `>`");
    return std::nullopt;
  }
  return n;
}

std::optional<checked_node> expression_checker::placeholder(const std::string& path,
                                                            const source_file& file, span where) {
  file_ = &file;
  scope_.clear();
  start_expression();
  // Placeholders are plain dotted paths; build the same nodes a path expression gives.
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  ast::expr root;
  root.where = where;
  root.node = ast::name_ref{parts[0]};
  auto current = check(root);
  for (std::size_t i = 1; current && i < parts.size(); ++i) {
    if (current->type->kind != type_kind::record) {
      error("check.unknown_attribute", "`{" + path + "}` does not name an attribute", where);
      return std::nullopt;
    }
    const int index = current->type->field_index(parts[i]);
    if (index < 0) {
      std::vector<std::string> names;
      for (const auto& f : current->type->fields) names.push_back(f.name);
      auto near = nearest_name(parts[i], names);
      error("check.unknown_attribute", "unknown attribute `" + parts[i] + "` in `{" + path + "}`",
            where, near ? "did you mean `" + *near + "`?" : std::string());
      return std::nullopt;
    }
    checked_node n;
    n.code = op::field;
    n.index = index;
    n.name = parts[i];
    n.type = current->type->fields[index].type;
    n.kids.push_back(std::move(*current));
    current = std::move(n);
  }
  return current;
}

void expression_checker::check_definitions() {
  for (const auto& [name, ref] : definitions_) {
    file_ = ref.file;
    scope_.clear();
    start_expression();
    expanding_.insert(name);
    check(ref.definition->body);
    expanding_.erase(name);
  }
}

std::optional<checked_node> expression_checker::check(const ast::expr& e) {
  if (over_budget_) return std::nullopt;
  if (depth_ >= max_depth || nodes_ >= max_nodes) {
    // Reported even while inlining quietly: the size shows only once definitions are inlined.
    over_budget_ = true;
    const bool deep = depth_ >= max_depth;
    if (!cycles_reported_.emplace(file_, e.where.begin).second) return std::nullopt;
    bag_.report(diagnostic_severity::error, deep ? "check.too_deep" : "check.too_large",
                deep ? "this condition nests deeper than " + std::to_string(max_depth) +
                           " levels once its definitions are inlined"
                     : "this condition has more than " + std::to_string(max_nodes) +
                           " terms once its definitions are inlined",
                file_, e.where,
                deep ? "split it into smaller rules or definitions that do not nest so deep"
                     : "a definition used twice is copied twice; use it once, or split the rule");
    return std::nullopt;
  }
  ++depth_;
  ++nodes_;
  auto checked = visit_checked(e);
  --depth_;
  return checked;
}

std::optional<checked_node> expression_checker::visit_checked(const ast::expr& e) {
  struct visitor {
    expression_checker& self;
    const ast::expr& e;

    std::optional<checked_node> operator()(const ast::literal& l) const {
      checked_node n;
      n.code = op::constant;
      if (const bool* b = std::get_if<bool>(&l.value)) {
        n.type = self.scalar(type_kind::boolean);
        n.constant.k = value::kind::boolean;
        n.constant.boolean = *b;
      } else if (const std::int64_t* i = std::get_if<std::int64_t>(&l.value)) {
        n.type = self.scalar(type_kind::integer);
        n.constant.k = value::kind::integer;
        n.constant.integer = *i;
      } else if (const std::string* s = std::get_if<std::string>(&l.value)) {
        n.type = self.scalar(type_kind::string);
        n.constant.k = value::kind::string;
        n.constant.text = *s;
      } else {
        const auto& d = std::get<ast::date_literal>(l.value);
        const auto parsed = date::from_ymd(d.year, d.month, d.day);
        if (!parsed) {
          self.error("check.bad_date", "no such date", e.where,
                     "a date is YYYY-MM-DD and names a day that exists");
          return std::nullopt;
        }
        n.type = self.scalar(type_kind::date);
        n.constant.k = value::kind::date;
        n.constant.integer = parsed->days;
      }
      return n;
    }

    std::optional<checked_node> operator()(const ast::list_literal& l) const {
      checked_node n;
      n.code = op::list;
      if (l.items.size() > max_list_items) {
        self.error("check.too_large",
                   "a list of " + std::to_string(l.items.size()) + " values, more than " +
                       std::to_string(max_list_items),
                   e.where, "a rule names the values it is about; split a longer list");
        return std::nullopt;
      }
      const schema_type* element = nullptr;
      for (const auto& item : l.items) {
        auto k = self.check(item);
        if (!k) return std::nullopt;
        if (element == nullptr) {
          element = k->type;
        } else if (!self.compatible(element, k->type)) {
          self.error("check.type",
                     "list items must share one type: `" + type_name(element) + "` and `" +
                         type_name(k->type) + "`",
                     item.where);
          return std::nullopt;
        }
        n.kids.push_back(std::move(*k));
      }
      if (element == nullptr) {
        // `[]`: an empty list of no particular type, compatible with every list.
        schema_type empty;
        empty.kind = type_kind::list;
        empty.name = "empty list";
        n.type = self.types_.add(std::move(empty));
      } else {
        n.type = self.list_of(element);
      }
      return n;
    }

    std::optional<checked_node> operator()(const ast::name_ref& r) const {
      return self.check_name(e, r.name);
    }

    std::optional<checked_node> operator()(const ast::member& m) const {
      auto object = self.check(*m.object);
      if (!object) return std::nullopt;
      if (object->type->kind != type_kind::record) {
        self.error("check.type",
                   "`" + type_name(object->type) + "` has no attributes, so `." + m.field.value +
                       "` means nothing here",
                   m.field.where);
        return std::nullopt;
      }
      const int index = object->type->field_index(m.field.value);
      if (index < 0) {
        std::vector<std::string> names;
        for (const auto& f : object->type->fields) names.push_back(f.name);
        auto near = nearest_name(m.field.value, names);
        std::string all;
        for (const auto& f : names) all += (all.empty() ? "" : ", ") + f;
        self.error("check.unknown_attribute",
                   "unknown attribute `" + m.field.value + "` in `" + object->type->name + "`",
                   m.field.where,
                   near ? "did you mean `" + *near + "`?" : "its attributes are: " + all);
        return std::nullopt;
      }
      checked_node n;
      n.code = op::field;
      n.index = index;
      n.name = m.field.value;
      n.type = object->type->fields[index].type;
      n.kids.push_back(std::move(*object));
      return n;
    }

    std::optional<checked_node> operator()(const ast::index& i) const {
      auto object = self.check(*i.object);
      auto key = self.check(*i.key);
      if (!object || !key) return std::nullopt;
      if (object->type->kind != type_kind::map) {
        self.error("check.type", "only a map can be indexed, not `" + type_name(object->type) + "`",
                   i.object->where);
        return std::nullopt;
      }
      const schema_type* code = self.scalar(type_kind::jurisdiction);
      if (self.is_literal(*key) ? !self.coerce(*key, code, *i.key)
                                : key->type->kind != type_kind::jurisdiction) {
        self.error("check.type", "a map key is a jurisdiction, not `" + type_name(key->type) + "`",
                   i.key->where);
        return std::nullopt;
      }
      checked_node n;
      n.code = op::map_lookup;
      n.type = object->type->element;
      n.kids.reserve(2);
      n.kids.push_back(std::move(*object));
      n.kids.push_back(std::move(*key));
      return n;
    }

    std::optional<checked_node> operator()(const ast::unary& u) const {
      auto operand = self.check(*u.operand);
      if (!operand) return std::nullopt;
      checked_node n;
      n.type = self.scalar(type_kind::boolean);
      if (u.op == ast::unary_op::exists) {
        if (!is_path(*operand)) {
          self.error("check.type", "`exists` takes an attribute path", u.operand->where,
                     "for example `exists compliance.age_verification`");
          return std::nullopt;
        }
        n.code = op::exists;
      } else {
        operand = self.expect_boolean(std::move(operand), *u.operand, "the operand of `not`");
        if (!operand) return std::nullopt;
        n.code = op::logical_not;
      }
      n.kids.push_back(std::move(*operand));
      return n;
    }

    std::optional<checked_node> operator()(const ast::binary& b) const {
      return self.check_binary(e, b);
    }

    std::optional<checked_node> operator()(const ast::quantified& q) const {
      return self.check_quantified(q);
    }
  };
  return std::visit(visitor{*this, e}, e.node);
}

std::optional<checked_node> expression_checker::check_name(const ast::expr& e,
                                                           const std::string& name) {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (it->name == name) {
      checked_node n;
      n.code = op::variable;
      n.index = it->slot;
      n.name = name;
      n.type = it->type;
      return n;
    }
  }
  if (name == "market" || name == "as_of") {
    checked_node n;
    n.code = name == "market" ? op::market : op::as_of;
    n.type = scalar(name == "market" ? type_kind::jurisdiction : type_kind::date);
    return n;
  }
  if (auto def = definitions_.find(name); def != definitions_.end()) {
    if (expanding_.count(name) != 0) {
      // Reported even while inlining quietly: a cycle shows up only when definitions nest. Once
      // per place, though it is reached from every definition and rule on the cycle.
      if (cycles_reported_.emplace(file_, e.where.begin).second) {
        bag_.report(diagnostic_severity::error, "check.definition_cycle",
                    "definition `" + name + "` refers to itself", file_, e.where,
                    "a definition may use others, but never itself, directly or through them");
      }
      return std::nullopt;
    }
    // Inline the body in a fresh scope whose slots start after the caller's.
    const auto saved_scope = std::move(scope_);
    const auto* saved_file = file_;
    const bool saved_quiet = quiet_;
    slot_base_ += static_cast<std::int32_t>(saved_scope.size());
    scope_.clear();
    file_ = def->second.file;
    quiet_ = true;
    expanding_.insert(name);
    auto body = check(def->second.definition->body);
    expanding_.erase(name);
    quiet_ = saved_quiet;
    file_ = saved_file;
    scope_ = saved_scope;
    slot_base_ -= static_cast<std::int32_t>(saved_scope.size());
    if (!body) {
      // The standalone check of the definition already said why.
      error("check.bad_definition", "definition `" + name + "` has errors", e.where);
    }
    return body;
  }
  const int index = types_.root->field_index(name);
  if (index >= 0) {
    checked_node n;
    n.code = op::root_field;
    n.index = index;
    n.name = name;
    n.type = types_.root->fields[index].type;
    return n;
  }
  // Past the error limit (or while inlining quietly) the error is dropped: do not pay for a
  // suggestion no one sees, ten thousand times over ten thousand definitions.
  if (quiet_ || bag_.full()) {
    error("check.unknown_name", "unknown name `" + name + "`", e.where);
    return std::nullopt;
  }
  std::vector<std::string> candidates = {"market", "as_of"};
  for (const auto& s : scope_) candidates.push_back(s.name);
  for (const auto& [d, ref] : definitions_) candidates.push_back(d);
  for (const auto& f : types_.root->fields) candidates.push_back(f.name);
  auto near = nearest_name(name, candidates);
  error("check.unknown_name", "unknown name `" + name + "`", e.where,
        near ? "did you mean `" + *near + "`?"
             : "a name is a profile attribute, a definition, a quantifier variable, `market` or "
               "`as_of`");
  return std::nullopt;
}

std::optional<checked_node> expression_checker::check_binary(const ast::expr& e,
                                                             const ast::binary& b) {
  auto lhs = check(*b.lhs);
  auto rhs = check(*b.rhs);
  if (!lhs || !rhs) return std::nullopt;
  checked_node n;
  n.code = binary_code(b.op);
  n.type = scalar(type_kind::boolean);
  const std::string word = binary_word(b.op);
  auto mismatch = [&](const std::string& expected) {
    error("check.type",
          "`" + word + "` cannot compare `" + type_name(lhs->type) + "` with `" +
              type_name(rhs->type) + "`",
          e.where, expected);
    return std::nullopt;
  };
  // A literal takes the type of the other side, so `"government" in deployment.device_classes`
  // checks `government` against the enum. Returns false when the two sides do not fit.
  auto unify = [&]() {
    if (is_literal(*lhs) && !is_literal(*rhs)) return coerce(*lhs, rhs->type, *b.lhs);
    if (is_literal(*rhs) && !is_literal(*lhs)) return coerce(*rhs, lhs->type, *b.rhs);
    return compatible(lhs->type, rhs->type);
  };
  const std::size_t errors_before = bag_.error_count();
  auto reported = [&] { return bag_.error_count() > errors_before; };

  switch (b.op) {
    case ast::binary_op::logical_and:
    case ast::binary_op::logical_or: {
      const bool conjunction = b.op == ast::binary_op::logical_and;
      lhs = expect_boolean(std::move(lhs), *b.lhs,
                           conjunction ? "the left side of `and`" : "the left side of `or`");
      rhs = expect_boolean(std::move(rhs), *b.rhs,
                           conjunction ? "the right side of `and`" : "the right side of `or`");
    }
      if (!lhs || !rhs) return std::nullopt;
      break;
    case ast::binary_op::eq:
    case ast::binary_op::ne:
      if (!is_scalar(lhs->type) || !is_scalar(rhs->type)) {
        return mismatch(
            "`==` and `!=` compare single values; use `subset of` or `intersects` "
            "for lists");
      }
      if (!unify()) {
        if (reported()) return std::nullopt;
        return mismatch("both sides must have the same type");
      }
      break;
    case ast::binary_op::lt:
    case ast::binary_op::le:
    case ast::binary_op::gt:
    case ast::binary_op::ge: {
      const auto k = lhs->type->kind;
      if ((k != type_kind::integer && k != type_kind::date) || !compatible(lhs->type, rhs->type)) {
        return mismatch("ordering compares two integers or two dates");
      }
      break;
    }
    case ast::binary_op::in:
    case ast::binary_op::contains: {
      checked_node& item = b.op == ast::binary_op::in ? *lhs : *rhs;
      checked_node& list = b.op == ast::binary_op::in ? *rhs : *lhs;
      const ast::expr& item_expr = b.op == ast::binary_op::in ? *b.lhs : *b.rhs;
      const ast::expr& list_expr = b.op == ast::binary_op::in ? *b.rhs : *b.lhs;
      if (list.type->kind != type_kind::list) {
        return mismatch(b.op == ast::binary_op::in ? "the right side of `in` must be a list"
                                                   : "the left side of `contains` must be a list");
      }
      bool ok;
      if (is_literal(item) && !is_literal(list) && list.type->element != nullptr) {
        ok = coerce(item, list.type->element, item_expr);
      } else if (is_literal(list) && !is_literal(item)) {
        ok = coerce(list, list_of(item.type), list_expr);
      } else {
        ok = list.type->element == nullptr || compatible(item.type, list.type->element);
      }
      if (!ok) {
        if (reported()) return std::nullopt;
        return mismatch("the item must have the type of the list's items");
      }
      break;
    }
    case ast::binary_op::subset_of:
    case ast::binary_op::intersects: {
      if (lhs->type->kind != type_kind::list || rhs->type->kind != type_kind::list) {
        return mismatch("both sides must be lists");
      }
      if (!unify()) {
        if (reported()) return std::nullopt;
        return mismatch("both lists must hold items of the same type");
      }
      break;
    }
    case ast::binary_op::within: {
      const schema_type* code = scalar(type_kind::jurisdiction);
      const bool ok = (is_literal(*lhs) ? coerce(*lhs, code, *b.lhs)
                                        : lhs->type->kind == type_kind::jurisdiction) &&
                      (is_literal(*rhs) ? coerce(*rhs, code, *b.rhs)
                                        : rhs->type->kind == type_kind::jurisdiction);
      if (!ok) {
        if (reported()) return std::nullopt;
        return mismatch("`within` compares two jurisdictions");
      }
      break;
    }
  }
  n.kids.reserve(2);
  n.kids.push_back(std::move(*lhs));
  n.kids.push_back(std::move(*rhs));
  return n;
}

std::optional<checked_node> expression_checker::check_quantified(const ast::quantified& q) {
  auto list = check(*q.list);
  if (!list) return std::nullopt;
  if (list->type->kind != type_kind::list || list->type->element == nullptr) {
    error("check.type",
          "`" + std::string(q.kind == ast::quantifier_kind::any ? "any" : "all") +
              "` ranges over a list, not `" + type_name(list->type) + "`",
          q.list->where);
    return std::nullopt;
  }
  const std::int32_t slot = slot_base_ + static_cast<std::int32_t>(scope_.size());
  scope_.push_back({q.variable.value, list->type->element, slot});
  max_slots_ = std::max<std::uint32_t>(max_slots_, static_cast<std::uint32_t>(slot + 1));
  auto body = expect_boolean(check(*q.body), *q.body, "the body of a quantifier");
  scope_.pop_back();
  if (!body) return std::nullopt;
  checked_node n;
  n.code = q.kind == ast::quantifier_kind::any ? op::any : op::all;
  n.index = slot;
  n.type = scalar(type_kind::boolean);
  n.kids.reserve(2);
  n.kids.push_back(std::move(*list));
  n.kids.push_back(std::move(*body));
  return n;
}

}  // namespace lexgate::detail
