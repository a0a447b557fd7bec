//! Type names and the modules that bind them.
//!
//! A [`Registry`] holds what Julia keeps in its `TypeName`s and module
//! bindings: each type name's parameters (with bounds), supertype and kind,
//! each module's names and exports, aliases, and the singleton type of every
//! generic function. Core's kernel names have fixed ids ([`ANY`], [`TYPE`],
//! …) because the rules single them out, as src/jltypes.c does.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::ty::{NameId, Node, Ty, Value, Var};
use crate::syntax::{FloatTy, IntTy};

/// `Any`.
pub const ANY: NameId = 0;
/// `Type{T}`.
pub const TYPE: NameId = 1;
/// `DataType`.
pub const DATATYPE: NameId = 2;
/// `UnionAll`.
pub const UNIONALL: NameId = 3;
/// `Union` (the kind of `Union{A, B}`).
pub const UNION: NameId = 4;
/// `Core.TypeofBottom`.
pub const TYPEOFBOTTOM: NameId = 5;
/// `Function`.
pub const FUNCTION: NameId = 6;
/// `Tuple`.
pub const TUPLE: NameId = 7;
/// `Core.TypeofVararg` (the type of `Vararg` itself).
pub const TYPEOFVARARG: NameId = 8;
/// `TypeVar`.
pub const TYPEVAR: NameId = 9;

/// What sort of type a name declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `abstract type`.
    Abstract,
    /// `struct` (immutable).
    Struct,
    /// `mutable struct`.
    Mutable,
    /// `primitive type` of that many bits.
    Primitive(u32),
}

/// A type name (Julia's `TypeName` plus what its `DataType`s share).
#[derive(Clone, Debug)]
pub struct TypeName {
    /// The name (`Array`, or `typeof(sin)` for a function's type).
    pub name: Arc<str>,
    /// The module that declares it (`Core`, `Base.Iterators`, a package).
    pub module: Arc<str>,
    /// Declared parameters with their bounds.
    pub params: Vec<Var>,
    /// Supertype, in terms of `params`.
    pub sup: Ty,
    /// Abstract, struct, mutable or primitive.
    pub kind: Kind,
    /// For `typeof(f)`: the function's name.
    pub function: Option<Arc<str>>,
}

/// What a name in a module stands for.
#[derive(Clone, Debug)]
pub enum Binding {
    /// A type name.
    Type(NameId),
    /// A type alias (`const Vector{T} = Array{T,1}`): the type it means.
    Alias(Ty),
    /// A generic function: the name of its singleton type.
    Function(NameId),
    /// A submodule, by its full path.
    Module(Arc<str>),
    /// A constant value (`Core.CPU`).
    Const(Ty),
}

/// A module's names.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Every name bound in the module.
    pub bindings: HashMap<Arc<str>, Binding, foldhash::fast::FixedState>,
    /// Exported names.
    pub exports: HashSet<Arc<str>, foldhash::fast::FixedState>,
    /// Modules whose exports are visible unqualified (`using`), in order.
    pub uses: Vec<Arc<str>>,
}

/// A method a declaration file declares (Core's, Base's and the standard
/// libraries' methods, as facts): what dispatch needs of it.
#[derive(Clone, Debug)]
pub struct DeclaredMethod {
    /// The module the method is written in (`Base`, `Base.Math`).
    pub module: Arc<str>,
    /// The function's name as written (`+`, `getindex`, `Complex{T}`).
    pub name: Arc<str>,
    /// The name of `typeof(f)`, or of the type whose constructor it is.
    pub func: NameId,
    /// The signature, `Tuple{typeof(f), …}` or `Tuple{Type{T}, …}`.
    pub sig: Ty,
    /// The signature as text (for messages and method keys).
    pub sig_text: Arc<str>,
}

/// Error of a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclareError(pub String);

impl std::fmt::Display for DeclareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeclareError {}

/// Type names, modules and bindings.
#[derive(Clone, Debug)]
pub struct Registry {
    /// Type names and modules are shared, copied on write: every
    /// universe's registry starts as a copy of the built-in one (thousands
    /// of names), and a package changes only its own.
    names: Vec<Arc<TypeName>>,
    modules: BTreeMap<Arc<str>, Arc<Module>>,
    /// Names of the types of values: `Int64`, `Bool`, `Char`, … (`None`
    /// until declared).
    int_names: [Option<NameId>; 10],
    float_names: [Option<NameId>; 3],
    bool_name: Option<NameId>,
    char_name: Option<NameId>,
    symbol_name: Option<NameId>,
    nothing_name: Option<NameId>,
    /// Methods declared by declaration files, in file order (shared:
    /// every universe's registry is a copy of the built-in one).
    methods: Arc<Vec<DeclaredMethod>>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// A registry with Core's kernel (src/jltypes.c, `jl_init_types`):
    /// `Any`, `Type{T}`, the kinds, `Function`, `Tuple`.
    pub fn new() -> Registry {
        let mut r = Registry {
            names: Vec::new(),
            modules: BTreeMap::new(),
            int_names: [None; 10],
            float_names: [None; 3],
            bool_name: None,
            char_name: None,
            symbol_name: None,
            nothing_name: None,
            methods: Arc::new(Vec::new()),
        };
        let any = Ty::data_raw(ANY, Vec::new());
        let core: Arc<str> = "Core".into();
        let push = |r: &mut Registry, name: &str, params: Vec<Var>, sup: Ty, kind: Kind| {
            let id = r.names.len() as NameId;
            r.names.push(Arc::new(TypeName {
                name: name.into(),
                module: core.clone(),
                params,
                sup,
                kind,
                function: None,
            }));
            r.module_mut("Core")
                .bindings
                .insert(name.into(), Binding::Type(id));
            id
        };
        push(&mut r, "Any", vec![], any.clone(), Kind::Abstract);
        let t = Var::new("T", Ty::bottom(), any.clone());
        push(&mut r, "Type", vec![t.clone()], any.clone(), Kind::Abstract);
        // jltypes.c: the kinds' supertype is `Type{T}` with `T` free.
        let type_t = Ty::data_raw(TYPE, vec![Ty::var(&t)]);
        push(&mut r, "DataType", vec![], type_t.clone(), Kind::Mutable);
        push(&mut r, "UnionAll", vec![], type_t.clone(), Kind::Struct);
        push(&mut r, "Union", vec![], type_t, Kind::Struct);
        let type_bottom = Ty::data_raw(TYPE, vec![Ty::bottom()]);
        push(&mut r, "TypeofBottom", vec![], type_bottom, Kind::Struct);
        push(&mut r, "Function", vec![], any.clone(), Kind::Abstract);
        push(&mut r, "Tuple", vec![], any.clone(), Kind::Struct);
        push(&mut r, "TypeofVararg", vec![], any.clone(), Kind::Struct);
        push(&mut r, "TypeVar", vec![], any, Kind::Mutable);
        r.module_mut("Core").bindings.insert(
            "CPU".into(),
            Binding::Const(Ty::value(Value::Named("Core.CPU".into()))),
        );
        let m = r.module_mut("Core");
        for n in [
            "Any", "Type", "DataType", "UnionAll", "Union", "Function", "Tuple", "TypeVar",
        ] {
            m.exports.insert(n.into());
        }
        r
    }

    /// Methods declared by declaration files, in file order.
    pub fn methods(&self) -> &[DeclaredMethod] {
        &self.methods
    }

    /// Record a declared method.
    pub fn declare_method(&mut self, m: DeclaredMethod) {
        Arc::make_mut(&mut self.methods).push(m);
    }

    /// The module at `path` (created empty if new).
    pub fn module_mut(&mut self, path: &str) -> &mut Module {
        // A new key only for a new module: packages declare thousands of
        // names into the few that exist.
        if !self.modules.contains_key(path) {
            self.modules.insert(path.into(), Arc::default());
        }
        let m = self.modules.get_mut(path).expect("inserted above");
        Arc::make_mut(m)
    }

    /// The module at `path`.
    pub fn module(&self, path: &str) -> Option<&Module> {
        self.modules.get(path).map(|m| &**m)
    }

    /// All modules, by path.
    pub fn modules(&self) -> impl Iterator<Item = (&Arc<str>, &Module)> {
        self.modules.iter().map(|(path, m)| (path, &**m))
    }

    /// The type name `id`.
    pub fn name(&self, id: NameId) -> &TypeName {
        &self.names[id as usize]
    }

    /// How many type names there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none (never: the kernel is always there).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// `Any`.
    pub fn any(&self) -> Ty {
        Ty::data_raw(ANY, Vec::new())
    }

    /// A parameterless type by id.
    pub fn leaf(&self, id: NameId) -> Ty {
        Ty::data_raw(id, Vec::new())
    }

    /// Declare a type name in `module`; the supertype may use `params`.
    pub fn declare_type(
        &mut self,
        module: &str,
        name: &str,
        params: Vec<Var>,
        sup: Ty,
        kind: Kind,
    ) -> Result<NameId, DeclareError> {
        if let Some(Binding::Type(id)) = self.module(module).and_then(|m| m.bindings.get(name)) {
            let id = *id;
            // The kernel's names are built in; a declaration file may
            // declare them again, as base/boot.jl comments them.
            if id <= TYPEVAR {
                return Ok(id);
            }
        }
        if self
            .module(module)
            .is_some_and(|m| m.bindings.contains_key(name))
        {
            return Err(DeclareError(format!(
                "`{module}.{name}` is already declared"
            )));
        }
        let id = self.names.len() as NameId;
        self.names.push(Arc::new(TypeName {
            name: name.into(),
            module: module.into(),
            params,
            sup,
            kind,
            function: None,
        }));
        self.module_mut(module)
            .bindings
            .insert(name.into(), Binding::Type(id));
        if module == "Core" {
            self.note_value_type(name, id);
        }
        Ok(id)
    }

    fn note_value_type(&mut self, name: &str, id: NameId) {
        if let Some(t) = IntTy::from_name(name) {
            self.int_names[IntTy::ALL.iter().position(|x| *x == t).unwrap_or(0)] = Some(id);
        }
        match name {
            "Float16" => self.float_names[0] = Some(id),
            "Float32" => self.float_names[1] = Some(id),
            "Float64" => self.float_names[2] = Some(id),
            "Bool" => self.bool_name = Some(id),
            "Char" => self.char_name = Some(id),
            "Symbol" => self.symbol_name = Some(id),
            "Nothing" => self.nothing_name = Some(id),
            _ => {}
        }
    }

    /// Bind `name` in `module` to the alias `ty`.
    pub fn declare_alias(&mut self, module: &str, name: &str, ty: Ty) -> Result<(), DeclareError> {
        let m = self.module_mut(module);
        if m.bindings.contains_key(name) {
            return Err(DeclareError(format!(
                "`{module}.{name}` is already declared"
            )));
        }
        m.bindings.insert(name.into(), Binding::Alias(ty));
        Ok(())
    }

    /// Set the supertype of a declared type name (declared first so that
    /// its supertype may mention it: `Foo <: Comparable{Foo}`).
    pub fn set_supertype(&mut self, id: NameId, sup: Ty) {
        Arc::make_mut(&mut self.names[id as usize]).sup = sup;
    }

    /// Remove a binding (a package replacing a built-in declaration).
    pub fn unbind(&mut self, module: &str, name: &str) {
        if let Some(m) = self.modules.get_mut(module) {
            Arc::make_mut(m).bindings.remove(name);
        }
    }

    /// Bind `name` in `module` to an existing binding (an import).
    pub fn bind(&mut self, module: &str, name: &str, b: Binding) -> Result<(), DeclareError> {
        let m = self.module_mut(module);
        if m.bindings.contains_key(name) {
            return Err(DeclareError(format!(
                "`{module}.{name}` is already declared"
            )));
        }
        m.bindings.insert(name.into(), b);
        Ok(())
    }

    /// Declare the generic function `module.name`; returns its type's name.
    /// Declaring it again returns the same name.
    pub fn declare_function(&mut self, module: &str, name: &str) -> Result<NameId, DeclareError> {
        match self.module(module).and_then(|m| m.bindings.get(name)) {
            Some(Binding::Function(id)) => return Ok(*id),
            Some(_) => {
                return Err(DeclareError(format!(
                    "`{module}.{name}` is already declared as something other than a function"
                )))
            }
            None => {}
        }
        let id = self.names.len() as NameId;
        self.names.push(Arc::new(TypeName {
            name: format!("typeof({name})").into(),
            module: module.into(),
            params: Vec::new(),
            sup: Ty::data_raw(FUNCTION, Vec::new()),
            kind: Kind::Struct,
            function: Some(name.into()),
        }));
        self.module_mut(module)
            .bindings
            .insert(name.into(), Binding::Function(id));
        Ok(id)
    }

    /// Bind a submodule name (`Iterators` in `Base`) to its full path.
    pub fn declare_submodule(&mut self, parent: &str, name: &str, path: &str) {
        self.module_mut(path);
        self.module_mut(parent)
            .bindings
            .entry(name.into())
            .or_insert_with(|| Binding::Module(path.into()));
    }

    /// Resolve `path` as written in `module`: the first segment in the
    /// module itself, then in the exports of the modules it uses, then as a
    /// top-level module; later segments inside the module found so far.
    pub fn lookup(&self, module: &str, path: &[String]) -> Option<Binding> {
        let (first, rest) = path.split_first()?;
        let mut b = self.lookup_first(module, first)?;
        for seg in rest {
            let Binding::Module(m) = &b else { return None };
            b = self.module(m)?.bindings.get(seg.as_str())?.clone();
        }
        Some(b)
    }

    fn lookup_first(&self, module: &str, name: &str) -> Option<Binding> {
        if let Some(m) = self.module(module) {
            if let Some(b) = m.bindings.get(name) {
                return Some(b.clone());
            }
            for u in &m.uses {
                if let Some(um) = self.module(u) {
                    if um.exports.contains(name) {
                        if let Some(b) = um.bindings.get(name) {
                            return Some(b.clone());
                        }
                    }
                }
            }
        }
        if self.modules.contains_key(name) {
            return Some(Binding::Module(name.into()));
        }
        None
    }

    /// The wrapper of a type name: `Array{T,N} where {T,N}` (the name
    /// itself when it has no parameters; `Tuple` is `Tuple{Vararg{Any}}`).
    pub fn wrapper(&self, id: NameId) -> Ty {
        if id == TUPLE {
            return Ty::data_raw(TUPLE, vec![Ty::new(Node::Vararg(self.any(), None))]);
        }
        let n = self.name(id);
        let mut t = Ty::data_raw(id, n.params.iter().map(Ty::var).collect());
        for v in n.params.iter().rev() {
            t = Ty::unionall(v, t);
        }
        t
    }

    /// The supertype of a data type (`jl_datatype_t.super`); `Any` is its
    /// own.
    pub fn supertype(&self, t: &Ty) -> Ty {
        let Node::Data { name, params, .. } = t.node() else {
            return self.any();
        };
        let n = self.name(*name);
        if *name == TUPLE || params.is_empty() || n.params.len() != params.len() {
            return n.sup.clone();
        }
        let mut sup = n.sup.clone();
        for (v, p) in n.params.iter().zip(params.iter()) {
            sup = sup.subst(v, p);
        }
        sup
    }

    /// Whether `t` is one of the kinds `DataType`, `UnionAll`, `Union`,
    /// `TypeofBottom` (`jl_is_kind`).
    pub fn is_kind(&self, t: &Ty) -> bool {
        matches!(t.node(), Node::Data { name, params, .. }
            if params.is_empty() && matches!(*name, DATATYPE | UNIONALL | UNION | TYPEOFBOTTOM))
    }

    /// Whether `t` is `Type{…}` (`jl_is_type_type`).
    pub fn is_type_type(&self, t: &Ty) -> bool {
        t.data_name() == Some(TYPE)
    }

    /// `jl_typeof` of a type or value used as a parameter.
    pub fn type_of(&self, t: &Ty) -> Ty {
        let leaf = |id: Option<NameId>| id.map_or_else(|| self.any(), |id| self.leaf(id));
        match t.node() {
            Node::Bottom => self.leaf(TYPEOFBOTTOM),
            Node::Data { .. } => self.leaf(DATATYPE),
            Node::Union(..) => self.leaf(UNION),
            Node::UnionAll(..) => self.leaf(UNIONALL),
            Node::Var(_) => self.leaf(TYPEVAR),
            Node::Vararg(..) => self.leaf(TYPEOFVARARG),
            Node::Value(v) => match v {
                Value::Int(it, _) => {
                    leaf(self.int_names[IntTy::ALL.iter().position(|x| x == it).unwrap_or(0)])
                }
                Value::Float(ft, _) => leaf(
                    self.float_names[match ft {
                        FloatTy::F16 => 0,
                        FloatTy::F32 => 1,
                        FloatTy::F64 => 2,
                    }],
                ),
                Value::Bool(_) => leaf(self.bool_name),
                Value::Char(_) => leaf(self.char_name),
                Value::Symbol(_) => leaf(self.symbol_name),
                Value::Nothing => leaf(self.nothing_name),
                Value::Named(_) => self.any(),
                Value::Function(id, _) => self.leaf(*id),
                Value::Tuple(items) => {
                    Ty::data_raw(TUPLE, items.iter().map(|i| self.type_of(i)).collect())
                }
            },
        }
    }

    /// `jl_is_concrete_type`: a data type that can have instances of its
    /// own (not abstract, no free variables; a tuple of concrete types).
    pub fn is_concrete(&self, t: &Ty) -> bool {
        let Node::Data { name, params, .. } = t.node() else {
            return false;
        };
        let n = self.name(*name);
        if n.kind == Kind::Abstract {
            return false;
        }
        if *name == TUPLE {
            return params
                .iter()
                .all(|p| !matches!(p.node(), Node::Vararg(..)) && self.is_concrete(p));
        }
        if t.has_free_vars() {
            return false;
        }
        // A type applied to fewer parameters than declared is not a data type.
        params.len() == n.params.len()
    }

    /// Whether a type name is a function's singleton type.
    pub fn is_function_type(&self, id: NameId) -> bool {
        self.name(id).function.is_some()
    }
}
