# pcache built-in declarations: Julia 1.11 (Core, Base, standard libraries).
# Facts (names, type parameters and bounds, supertypes, kinds, aliases, owning module of
# generic functions, export lists) as Julia declares them; no Julia code.
# Grammar and sources: README.md beside this file.

module Core
# --- the type lattice; built in C (src/jltypes.c), commented-out declarations in base/boot.jl
abstract type Any <: Any end                         # builtin: top type; its own supertype
abstract type Type{T} end                            # builtin: Type{T} kind; invariant in T; Type{T} is the singleton kind of T
mutable struct TypeName end                          # builtin: a type's name record
mutable struct DataType <: Type end                  # builtin: kind of declared types; super is Type{T} with T free (jltypes.c), boot.jl writes `<: Type`
struct Union <: Type end                             # builtin: Union{A,B,...} kind; Union{} is the bottom type; super is Type{T} with T free
struct UnionAll <: Type end                          # builtin: `body where var` kind; super is Type{T} with T free
mutable struct TypeVar end                           # builtin: type variable (name, lb, ub); not a subtype of Type
struct TypeofBottom <: Type{Union{}} end             # builtin: typeof(Union{}); jltypes.c sets super = Type{Union{}}
struct TypeofVararg end                              # builtin: typeof(Vararg) and of every Vararg{T,N}
struct Tuple end                                     # builtin: covariant Tuple{...}; bare Tuple == Tuple{Vararg{Any}}
struct Vararg{T,N} end                               # builtin: Vararg{T,N} tuple tail; an instance of Core.TypeofVararg, not a type
struct NamedTuple{names,T<:Tuple} end                # builtin: names is a tuple of Symbols; built in C, constructors in boot.jl
abstract type Function end                           # builtin: supertype of every function's singleton type
abstract type Builtin <: Function end                # builtin: supertype of typeof(builtin function), e.g. typeof(getfield)
primitive type IntrinsicFunction <: Builtin 32 end   # builtin: typeof of every Core.Intrinsics function
struct Nothing end                                   # builtin: typeof(nothing)
mutable struct Symbol end                            # builtin: opaque
abstract type AbstractString end                     # builtin: made in C
mutable struct String <: AbstractString end          # builtin: opaque; the boot.jl comment omits the supertype
mutable struct Module end                            # builtin: opaque
mutable struct SimpleVector end                      # builtin: opaque svec
mutable struct Method end                            # builtin
mutable struct MethodInstance end                    # builtin
mutable struct CodeInstance end                      # builtin
mutable struct CodeInfo end                          # builtin
mutable struct MethodTable end                       # builtin
mutable struct TypeMapEntry end                      # builtin
mutable struct TypeMapLevel end                      # builtin
mutable struct Task end                              # builtin
mutable struct Binding end                           # builtin
abstract type AbstractArray{T,N} end                 # builtin
abstract type DenseArray{T,N} <: AbstractArray{T,N} end   # builtin
abstract type Ref{T} end                             # builtin
primitive type Ptr{T} <: Ref{T} 64 end               # builtin: 32 bits on 32-bit systems
primitive type AddrSpace{Backend} 8 end              # builtin: boot.jl writes AddrSpace{Backend::Module}
mutable struct GenericMemory{kind,T,addrspace} <: DenseArray{T,1} end   # builtin: kind::Symbol, addrspace::Core.AddrSpace (new in 1.11); documented as <: DenseVector{T}
struct GenericMemoryRef{kind,T,addrspace} <: Ref{T} end   # builtin: new in 1.11
mutable struct Array{T,N} <: DenseArray{T,N} end     # builtin: fields ref::MemoryRef{T}, size::NTuple{N,Int} since 1.11
primitive type LLVMPtr{T,AS} 64 end                  # note: boot.jl (size is the pointer size)
const Memory{T} = GenericMemory{:not_atomic,T,Core.CPU}        # note: Core.CPU is a value (AddrSpace{Core}(0)); the first parameter is a Symbol
const MemoryRef{T} = GenericMemoryRef{:not_atomic,T,Core.CPU}  # note: as Memory
# --- numbers (base/boot.jl; Bool, UInt8, UInt16, Int32, UInt32, Int64, UInt64 made in C)
abstract type Number end
abstract type Real <: Number end
abstract type AbstractFloat <: Real end
abstract type Integer <: Real end
abstract type Signed <: Integer end
abstract type Unsigned <: Integer end
primitive type Float16 <: AbstractFloat 16 end
primitive type Float32 <: AbstractFloat 32 end
primitive type Float64 <: AbstractFloat 64 end
primitive type Bool <: Integer 8 end                 # builtin: made in C
abstract type AbstractChar end
primitive type Char <: AbstractChar 32 end
primitive type Int8 <: Signed 8 end
primitive type UInt8 <: Unsigned 8 end               # builtin: made in C
primitive type Int16 <: Signed 16 end
primitive type UInt16 <: Unsigned 16 end             # builtin: made in C
primitive type Int32 <: Signed 32 end                # builtin: made in C
primitive type UInt32 <: Unsigned 32 end             # builtin: made in C
primitive type Int64 <: Signed 64 end                # builtin: made in C
primitive type UInt64 <: Unsigned 64 end             # builtin: made in C
primitive type Int128 <: Signed 128 end
primitive type UInt128 <: Unsigned 128 end
const Int = Int64                                    # note: set in C; Int32 on 32-bit systems
const UInt = UInt64                                  # note: UInt32 on 32-bit systems
# --- front end / IR types (boot.jl comments; made in C)
mutable struct Expr end
struct LineNumberNode end
struct LineInfoNode end
struct GotoNode end
struct GotoIfNot end
struct ReturnNode end
struct PiNode end
struct PhiNode end
struct PhiCNode end
struct UpsilonNode end
struct QuoteNode end
struct GlobalRef end
struct SlotNumber end
struct SSAValue end
struct Argument end
struct NewvarNode end
struct EnterNode end                                 # note: new in 1.11
struct Const end
struct PartialStruct end
struct InterConditional end
struct PartialOpaque end
struct MethodMatch end
struct OpaqueClosure{A<:Tuple,R} <: Function end    # builtin: made in C
# --- declared in base/boot.jl
abstract type Exception end
struct ErrorException <: Exception end
struct BoundsError <: Exception end
struct DivideError <: Exception end
struct OutOfMemoryError <: Exception end
struct ReadOnlyMemoryError <: Exception end
struct SegmentationFault <: Exception end
struct StackOverflowError <: Exception end
struct UndefRefError <: Exception end
struct UndefVarError <: Exception end
struct ConcurrencyViolationError <: Exception end
struct InterruptException <: Exception end
struct DomainError <: Exception end
struct TypeError <: Exception end
struct InexactError <: Exception end
struct OverflowError <: Exception end
struct ArgumentError <: Exception end
struct UndefKeywordError <: Exception end
struct MethodError <: Exception end
struct AssertionError <: Exception end
abstract type WrappedException <: Exception end
struct LoadError <: WrappedException end
struct InitError <: WrappedException end
const Cvoid = Nothing
mutable struct Box end
mutable struct WeakRef end
struct VecElement{T} end
struct UndefInitializer end
struct Pair{A,B} end                                 # note: in base/boot.jl since 1.10 (base/pair.jl before)
const NTuple{N,T} = Tuple{Vararg{T,N}}
abstract type IO end
# --- builtin functions (src/builtins.c; each typeof(f) is a singleton subtype of Core.Builtin)
function === end                 # builtin: Core.Builtin
function typeof end              # builtin: Core.Builtin
function isa end                 # builtin: Core.Builtin
function typeassert end          # builtin: Core.Builtin
function <: end                  # builtin: Core.Builtin
function ifelse end              # builtin: Core.Builtin
function getfield end            # builtin: Core.Builtin
function setfield! end           # builtin: Core.Builtin
function swapfield! end          # builtin: Core.Builtin
function modifyfield! end        # builtin: Core.Builtin
function replacefield! end       # builtin: Core.Builtin
function setfieldonce! end       # builtin: Core.Builtin (1.11)
function fieldtype end           # builtin: Core.Builtin
function nfields end             # builtin: Core.Builtin
function isdefined end           # builtin: Core.Builtin
function throw end               # builtin: Core.Builtin
function tuple end               # builtin: Core.Builtin
function svec end                # builtin: Core.Builtin
function apply_type end          # builtin: Core.Builtin
function _apply_iterate end      # builtin: Core.Builtin
function invoke end              # builtin: Core.Builtin
function applicable end          # builtin: Core.Builtin
function sizeof end              # builtin: Core.Builtin
function getglobal end           # builtin: Core.Builtin
function setglobal! end          # builtin: Core.Builtin
function swapglobal! end         # builtin: Core.Builtin (1.11)
function modifyglobal! end       # builtin: Core.Builtin (1.11)
function replaceglobal! end      # builtin: Core.Builtin (1.11)
function setglobalonce! end      # builtin: Core.Builtin (1.11)
function get_binding_type end    # builtin: Core.Builtin
function _typevar end            # builtin: Core.Builtin
function _expr end               # builtin: Core.Builtin
function finalizer end           # builtin: Core.Builtin
function donotdelete end         # builtin: Core.Builtin
function compilerbarrier end     # builtin: Core.Builtin
function current_scope end       # builtin: Core.Builtin (1.11)
function memoryref end           # builtin: Core.Builtin (1.11; renamed memoryrefnew in 1.12)
function memoryrefget end        # builtin: Core.Builtin (1.11)
function memoryrefset! end       # builtin: Core.Builtin (1.11)
function memoryref_isassigned end   # builtin: Core.Builtin (1.11)
function memoryrefoffset end     # builtin: Core.Builtin (1.11)
function _call_in_world_total end   # builtin: Core.Builtin
function _compute_sparams end    # builtin: Core.Builtin
function _svec_ref end           # builtin: Core.Builtin
function _typebody! end          # builtin: Core.Builtin
function _setsuper! end          # builtin: Core.Builtin
function _equiv_typedef end      # builtin: Core.Builtin
function _structtype end         # builtin: Core.Builtin
function _abstracttype end       # builtin: Core.Builtin
function _primitivetype end      # builtin: Core.Builtin
# --- generic functions owned by Core (base/boot.jl)
function iterate end             # note: Core's own (boot.jl `function iterate end`); Base has its own Base.iterate
function Typeof end
function kwcall end              # dispatch token of keyword calls
function kwftype end             # note: deprecated internal: kwftype(t) = typeof(kwcall)
function convert end             # note: Core's minimal convert; Base.convert is Base's own (base/Base.jl)
function cconvert end
function unsafe_convert end
function eval end
function include end
function print end               # note: Core's bootstrap IO (boot.jl); distinct from Base.print
function println end
function show end
function write end
const getproperty = getfield     # note: boot.jl; Base defines its own getproperty
const setproperty! = setfield!   # note: boot.jl
export Any, DataType, Vararg, NTuple, Tuple, Type, UnionAll, TypeVar, Union, Nothing, Cvoid
export AbstractArray, DenseArray, NamedTuple, Pair, Function, Method, Module, Symbol, Task, Array
export UndefInitializer, WeakRef, VecElement, Number, Real, Integer, Bool, Ref, Ptr
export AbstractFloat, Float16, Float32, Float64, Signed, Int, Int8, Int16, Int32, Int64, Int128
export Unsigned, UInt, UInt8, UInt16, UInt32, UInt64, UInt128, AbstractChar, Char, AbstractString, String, IO
export ErrorException, BoundsError, DivideError, DomainError, Exception, InterruptException, InexactError
export OutOfMemoryError, ReadOnlyMemoryError, OverflowError, StackOverflowError, SegmentationFault
export UndefRefError, UndefVarError, TypeError, ArgumentError, MethodError, AssertionError, LoadError, InitError
export UndefKeywordError, ConcurrencyViolationError, Expr, QuoteNode, LineNumberNode, GlobalRef
export Memory, MemoryRef, GenericMemory, GenericMemoryRef
export fieldtype, getfield, setfield!, swapfield!, modifyfield!, replacefield!, setfieldonce!, nfields, throw, tuple, ===, isdefined, eval
export getglobal, setglobal!, swapglobal!, modifyglobal!, replaceglobal!, setglobalonce!
export <:, typeof, isa, typeassert, applicable, invoke

module Core.Intrinsics
# intrinsic functions (src/intrinsics.h); each is an instance of Core.IntrinsicFunction, not a generic function
function add_int end             # builtin: Core.IntrinsicFunction
function sub_int end             # builtin: Core.IntrinsicFunction
function mul_int end             # builtin: Core.IntrinsicFunction
function sdiv_int end            # builtin: Core.IntrinsicFunction
function udiv_int end            # builtin: Core.IntrinsicFunction
function srem_int end            # builtin: Core.IntrinsicFunction
function urem_int end            # builtin: Core.IntrinsicFunction
function neg_int end             # builtin: Core.IntrinsicFunction
function and_int end             # builtin: Core.IntrinsicFunction
function or_int end              # builtin: Core.IntrinsicFunction
function xor_int end             # builtin: Core.IntrinsicFunction
function not_int end             # builtin: Core.IntrinsicFunction
function shl_int end             # builtin: Core.IntrinsicFunction
function lshr_int end            # builtin: Core.IntrinsicFunction
function ashr_int end            # builtin: Core.IntrinsicFunction
function bswap_int end           # builtin: Core.IntrinsicFunction
function ctpop_int end           # builtin: Core.IntrinsicFunction
function ctlz_int end            # builtin: Core.IntrinsicFunction
function cttz_int end            # builtin: Core.IntrinsicFunction
function eq_int end              # builtin: Core.IntrinsicFunction
function ne_int end              # builtin: Core.IntrinsicFunction
function slt_int end             # builtin: Core.IntrinsicFunction
function ult_int end             # builtin: Core.IntrinsicFunction
function sle_int end             # builtin: Core.IntrinsicFunction
function ule_int end             # builtin: Core.IntrinsicFunction
function sext_int end            # builtin: Core.IntrinsicFunction
function zext_int end            # builtin: Core.IntrinsicFunction
function trunc_int end           # builtin: Core.IntrinsicFunction
function bitcast end             # builtin: Core.IntrinsicFunction
function add_float end           # builtin: Core.IntrinsicFunction
function sub_float end           # builtin: Core.IntrinsicFunction
function mul_float end           # builtin: Core.IntrinsicFunction
function div_float end           # builtin: Core.IntrinsicFunction
function neg_float end           # builtin: Core.IntrinsicFunction
function fma_float end           # builtin: Core.IntrinsicFunction
function muladd_float end        # builtin: Core.IntrinsicFunction
function eq_float end            # builtin: Core.IntrinsicFunction
function ne_float end            # builtin: Core.IntrinsicFunction
function lt_float end            # builtin: Core.IntrinsicFunction
function le_float end            # builtin: Core.IntrinsicFunction
function abs_float end           # builtin: Core.IntrinsicFunction
function copysign_float end      # builtin: Core.IntrinsicFunction
function flipsign_int end        # builtin: Core.IntrinsicFunction
function sqrt_llvm end           # builtin: Core.IntrinsicFunction
function floor_llvm end          # builtin: Core.IntrinsicFunction
function ceil_llvm end           # builtin: Core.IntrinsicFunction
function trunc_llvm end          # builtin: Core.IntrinsicFunction
function rint_llvm end           # builtin: Core.IntrinsicFunction
function sitofp end              # builtin: Core.IntrinsicFunction
function uitofp end              # builtin: Core.IntrinsicFunction
function fptosi end              # builtin: Core.IntrinsicFunction
function fptoui end              # builtin: Core.IntrinsicFunction
function fpext end               # builtin: Core.IntrinsicFunction
function fptrunc end             # builtin: Core.IntrinsicFunction
function pointerref end          # builtin: Core.IntrinsicFunction
function pointerset end          # builtin: Core.IntrinsicFunction
function cglobal end             # builtin: Core.IntrinsicFunction
function llvmcall end            # builtin: Core.IntrinsicFunction
export add_int, sub_int, mul_int, sdiv_int, udiv_int, srem_int, urem_int, neg_int, and_int, or_int, xor_int, not_int
export shl_int, lshr_int, ashr_int, bswap_int, ctpop_int, ctlz_int, cttz_int, eq_int, ne_int, slt_int, ult_int, sle_int, ule_int
export sext_int, zext_int, trunc_int, bitcast, add_float, sub_float, mul_float, div_float, neg_float, fma_float, muladd_float
export eq_float, ne_float, lt_float, le_float, abs_float, copysign_float, flipsign_int, sqrt_llvm, floor_llvm, ceil_llvm
export trunc_llvm, rint_llvm, sitofp, uitofp, fptosi, fptoui, fpext, fptrunc, pointerref, pointerset, cglobal, llvmcall
# note: the C code exports every intrinsic from Core.Intrinsics; Base does `using Core.Intrinsics`

module Core.Compiler
# note: in 1.11 the compiler is the module Core.Compiler (base/compiler/); only the names packages use
abstract type AbstractInterpreter end
struct NativeInterpreter <: AbstractInterpreter end
struct InstructionStream end
function return_type end

module Base.MultiplicativeInverses
# base/multinverses.jl (declared before the rest of Base because ReshapedArray's bound names it)
abstract type MultiplicativeInverse{T} end
struct SignedMultiplicativeInverse{T<:Signed} <: MultiplicativeInverse{T} end
struct UnsignedMultiplicativeInverse{T<:Unsigned} <: MultiplicativeInverse{T} end
function multiplicativeinverse end
export multiplicativeinverse

module Base
# Core's exported names are visible here. Base also does `using Core.Intrinsics, Core.IR`.
# --- essentials.jl, operators.jl, refpointer.jl, some.jl, missing.jl, traits
abstract type AbstractSet{T} end
abstract type AbstractDict{K,V} end
struct Missing end
struct Val{x} end
struct Colon <: Function end
abstract type AbstractCartesianIndex{N} end
struct Pairs{K,V,I,A} <: AbstractDict{K,V} end        # note: the keyword-argument container (Iterators.Pairs before 1.10)
struct Fix1{F,T} <: Function end
struct Fix2{F,T} <: Function end
struct ComposedFunction{O,I} <: Function end
struct Returns{V} <: Function end
struct Splat{F} <: Function end
const Callable = Union{Function,Type}
mutable struct RefValue{T} <: Ref{T} end
struct RefArray{T,A<:AbstractArray{T},R} <: Ref{T} end
struct Some{T} end
struct MissingException <: Exception end
struct SkipMissing{T} end
const IEEEFloat = Union{Float16,Float32,Float64}
const BitSigned = Union{Int8,Int16,Int32,Int64,Int128}          # note: written Union{BitSigned_types...}
const BitUnsigned = Union{UInt8,UInt16,UInt32,UInt64,UInt128}   # note: written Union{BitUnsigned_types...}
const BitInteger = Union{BitSigned,BitUnsigned}                 # note: written Union{BitInteger_types...}
const BitSigned32 = Union{Int8,Int16,Int32}
const BitUnsigned32 = Union{UInt8,UInt16,UInt32}
const BitInteger32 = Union{BitSigned32,BitUnsigned32}
const BitSigned64 = Union{Int8,Int16,Int32,Int64}
const BitUnsigned64 = Union{UInt8,UInt16,UInt32,UInt64}
const BitInteger64 = Union{BitSigned64,BitUnsigned64}
const BitReal = Union{BitInteger,IEEEFloat}                     # note: float.jl; Union{BitInteger, Float16, Float32, Float64}
# traits (generator.jl, traits.jl, indices.jl)
abstract type IteratorSize end
struct SizeUnknown <: IteratorSize end
struct HasLength <: IteratorSize end
struct HasShape{N} <: IteratorSize end
struct IsInfinite <: IteratorSize end
abstract type IteratorEltype end
struct EltypeUnknown <: IteratorEltype end
struct HasEltype <: IteratorEltype end
struct Generator{I,F} end
abstract type IndexStyle end
struct IndexLinear <: IndexStyle end
struct IndexCartesian <: IndexStyle end
abstract type OrderStyle end
struct Ordered <: OrderStyle end
struct Unordered <: OrderStyle end
abstract type ArithmeticStyle end
struct ArithmeticRounds <: ArithmeticStyle end
struct ArithmeticWraps <: ArithmeticStyle end
struct ArithmeticUnknown <: ArithmeticStyle end
abstract type RangeStepStyle end
struct RangeStepRegular <: RangeStepStyle end
struct RangeStepIrregular <: RangeStepStyle end
# --- arrays (array.jl, abstractarray.jl, indices.jl)
const AbstractVector{T} = AbstractArray{T,1}
const AbstractMatrix{T} = AbstractArray{T,2}
const AbstractVecOrMat{T} = Union{AbstractVector{T},AbstractMatrix{T}}
const DenseVector{T} = DenseArray{T,1}
const DenseMatrix{T} = DenseArray{T,2}
const DenseVecOrMat{T} = Union{DenseVector{T},DenseMatrix{T}}
const Vector{T} = Array{T,1}
const Matrix{T} = Array{T,2}
const VecOrMat{T} = Union{Vector{T},Matrix{T}}
const Dims{N} = NTuple{N,Int}
const DimsInteger{N} = NTuple{N,Integer}
# --- ranges (range.jl, twiceprecision.jl)
abstract type AbstractRange{T} <: AbstractArray{T,1} end
abstract type OrdinalRange{T,S} <: AbstractRange{T} end
abstract type AbstractUnitRange{T} <: OrdinalRange{T,T} end
struct StepRange{T,S} <: OrdinalRange{T,S} end
struct UnitRange{T<:Real} <: AbstractUnitRange{T} end
struct OneTo{T<:Integer} <: AbstractUnitRange{T} end
struct StepRangeLen{T,R,S,L<:Integer} <: AbstractRange{T} end
struct LinRange{T,L<:Integer} <: AbstractRange{T} end
struct TwicePrecision{T} end
const RangeIndex = Union{<:BitInteger,AbstractRange{<:BitInteger}}
struct Slice{T<:AbstractUnitRange} <: AbstractUnitRange{Int} end
struct IdentityUnitRange{T<:AbstractUnitRange} <: AbstractUnitRange{Int} end
struct LinearIndices{N,R<:NTuple{N,AbstractUnitRange{Int}}} <: AbstractArray{Int,N} end
const Indices{N} = NTuple{N,AbstractUnitRange}                 # note: indices.jl
const DimOrInd = Union{Integer,AbstractUnitRange}
const DimsOrInds{N} = NTuple{N,DimOrInd}
abstract type AbstractBroadcasted end                           # note: reduce.jl
const AbstractArrayOrBroadcasted = Union{AbstractArray,AbstractBroadcasted}
# --- numbers (complex.jl, rational.jl, irrationals.jl, rounding.jl, ctypes.jl)
struct Complex{T<:Real} <: Number end
const ComplexF16 = Complex{Float16}
const ComplexF32 = Complex{Float32}
const ComplexF64 = Complex{Float64}
struct Rational{T<:Integer} <: Real end
abstract type AbstractIrrational <: Real end
struct Irrational{sym} <: AbstractIrrational end
struct RoundingMode{T} end
const Cchar = Int8                                   # note: UInt8 on some platforms (ctypes.jl / c.jl)
const Cuchar = UInt8
const Cshort = Int16
const Cushort = UInt16
const Cint = Int32
const Cuint = UInt32
const Clong = Int64                                  # note: Int32 on Windows and 32-bit systems
const Culong = UInt64                                # note: UInt32 on Windows and 32-bit systems
const Clonglong = Int64
const Culonglong = UInt64
const Cintmax_t = Int64
const Cuintmax_t = UInt64
const Csize_t = UInt
const Cssize_t = Int
const Cptrdiff_t = Int
const Cwchar_t = Int32                               # note: UInt16 on Windows
const Cfloat = Float32
const Cdouble = Float64
primitive type Cstring 64 end                        # note: pointer size (cstring.jl)
primitive type Cwstring 64 end                       # note: pointer size (cstring.jl)
# --- strings (strings/*.jl, regex.jl)
abstract type AbstractPattern end
abstract type AbstractMatch end                     # note: from the stored (post-1.10) strings/regex source and exports.jl; not re-checked against the 1.11 tag
struct SubString{T<:AbstractString} <: AbstractString end
mutable struct Regex <: AbstractPattern end
struct RegexMatch{S<:AbstractString} <: AbstractMatch end     # note: the parameter S is new in 1.11 (RegexMatch <: AbstractMatch before)
struct SubstitutionString{T<:AbstractString} <: AbstractString end
struct CodeUnits{T,S<:AbstractString} <: DenseVector{T} end
mutable struct LazyString <: AbstractString end
struct StringIndexError <: Exception end
struct AnnotatedString{S<:AbstractString} <: AbstractString end   # note: new (non-exported) in 1.11
struct AnnotatedChar{C<:AbstractChar} <: AbstractChar end         # note: new (non-exported) in 1.11
struct EachStringIndex{T<:AbstractString} end
# --- collections (abstractdict.jl, dict.jl, iddict.jl, idset.jl, set.jl, bitset.jl, weakkeydict.jl, bitarray.jl)
mutable struct Dict{K,V} <: AbstractDict{K,V} end
mutable struct IdDict{K,V} <: AbstractDict{K,V} end
mutable struct WeakKeyDict{K,V} <: AbstractDict{K,V} end
struct ImmutableDict{K,V} <: AbstractDict{K,V} end
struct Set{T} <: AbstractSet{T} end
mutable struct BitSet <: AbstractSet{Int} end
mutable struct IdSet{K} <: AbstractSet{K} end
struct KeySet{K,T<:AbstractDict{K}} <: AbstractSet{K} end
struct ValueIterator{T<:AbstractDict} end
struct KeyError <: Exception end
mutable struct BitArray{N} <: AbstractArray{Bool,N} end
const BitVector = BitArray{1}
const BitMatrix = BitArray{2}
struct DimensionMismatch <: Exception end
struct CanonicalIndexError <: Exception end
# --- array wrappers (subarray.jl, reshapedarray.jl, reinterpretarray.jl, multidimensional.jl, slicearray.jl)
const ScalarIndex = Real
struct SubArray{T,N,P,I,L} <: AbstractArray{T,N} end
struct ReshapedArray{T,N,P<:AbstractArray,MI<:Tuple{Vararg{Base.MultiplicativeInverses.SignedMultiplicativeInverse{Int}}}} <: AbstractArray{T,N} end
const ReshapedArrayLF{T,N,P<:AbstractArray} = ReshapedArray{T,N,P,Tuple{}}
const ReshapedRange{T,N,A<:AbstractRange} = ReshapedArray{T,N,A,Tuple{}}
const ReshapedUnitRange{T,N,A<:AbstractUnitRange} = ReshapedArray{T,N,A,Tuple{}}
const FastSubArray{T,N,P,I} = SubArray{T,N,P,I,true}
const FastContiguousSubArray{T,N,P,I<:Union{Tuple{Union{Slice,AbstractUnitRange},Vararg{Any}},Tuple{Vararg{ScalarIndex}}}} = SubArray{T,N,P,I,true}
const StridedReshapedArray{T,N,A<:Union{DenseArray,FastContiguousSubArray}} = ReshapedArray{T,N,A}
const StridedSubArray{T,N,A<:Union{DenseArray,StridedReshapedArray},I<:Tuple{Vararg{Union{RangeIndex,ReshapedUnitRange,AbstractCartesianIndex}}}} = SubArray{T,N,A,I}
struct ReinterpretArray{T,N,S,A<:AbstractArray{S},IsReshaped} <: AbstractArray{T,N} end
const NonReshapedReinterpretArray{T,N,S,A<:AbstractArray{S,N}} = ReinterpretArray{T,N,S,A,false}
const ReshapedReinterpretArray{T,N,S,A<:AbstractArray{S}} = ReinterpretArray{T,N,S,A,true}
const StridedReinterpretArray{T,N,A<:Union{DenseArray,FastContiguousSubArray},IsReshaped} = ReinterpretArray{T,N,S,A,IsReshaped} where S
const StridedArray{T,N} = Union{DenseArray{T,N},StridedSubArray{T,N},StridedReshapedArray{T,N},StridedReinterpretArray{T,N}}
const StridedVector{T} = StridedArray{T,1}
const StridedMatrix{T} = StridedArray{T,2}
const StridedVecOrMat{T} = Union{StridedVector{T},StridedMatrix{T}}
struct LogicalIndex{T,A<:AbstractArray{Bool}} <: AbstractVector{T} end
abstract type AbstractSlices{T,N} <: AbstractArray{T,N} end
struct Slices{P,SM,AX,S,N} <: AbstractSlices{S,N} end
const RowSlices{P<:AbstractMatrix,AX,S<:AbstractVector} = Slices{P,Tuple{Int,Colon},AX,S,1}
const ColumnSlices{P<:AbstractMatrix,AX,S<:AbstractVector} = Slices{P,Tuple{Colon,Int},AX,S,1}
# --- IO (io.jl, iobuffer.jl, iostream.jl, stream.jl, show.jl, coreio.jl, cmd.jl, process.jl)
abstract type AbstractPipe <: IO end
struct IOContext{IO_t<:IO} <: AbstractPipe end
mutable struct GenericIOBuffer{T<:AbstractVector{UInt8}} <: IO end
const IOBuffer = GenericIOBuffer{Memory{UInt8}}      # note: GenericIOBuffer{Vector{UInt8}} before 1.11
mutable struct IOStream <: IO end
abstract type LibuvStream <: IO end
abstract type LibuvServer end
mutable struct TTY <: LibuvStream end
mutable struct PipeEndpoint <: LibuvStream end
mutable struct Pipe <: AbstractPipe end
struct DevNull <: IO end
struct EOFError <: Exception end
struct SystemError <: Exception end
abstract type AbstractCmd end
struct Cmd <: AbstractCmd end
struct OrCmds <: AbstractCmd end
struct ErrOrCmds <: AbstractCmd end
struct AndCmds <: AbstractCmd end
struct CmdRedirect <: AbstractCmd end
mutable struct Process <: AbstractPipe end
struct ProcessFailedException <: Exception end
# --- tasks and synchronisation (task.jl, lock.jl, condition.jl, channels.jl, asyncevent.jl)
abstract type AbstractChannel{T} end
mutable struct Channel{T} <: AbstractChannel{T} end
abstract type AbstractLock end
mutable struct ReentrantLock <: AbstractLock end
struct AlwaysLockedST <: AbstractLock end
struct GenericCondition{L<:AbstractLock} end
const Condition = GenericCondition{AlwaysLockedST}
mutable struct Timer end
mutable struct AsyncCondition end
mutable struct Event end
mutable struct Semaphore end
struct TaskFailedException <: Exception end
struct CompositeException <: Exception end
struct CapturedException <: Exception end
struct InvalidStateException <: Exception end
# --- misc (version.jl, uuid.jl, pkgid.jl, timing.jl, error.jl)
struct VersionNumber end
struct EnvDict <: AbstractDict{String,String} end
struct UUID end
struct PkgId end
struct ExponentialBackOff end
struct GC_Num end
struct GC_Diff end

# --- generic functions owned by Base (operators.jl, essentials.jl, number.jl, abstractarray.jl, array.jl, ...)
function ! end
function != end
function !== end
function xor end
function nand end
function nor end
function % end
function & end
function * end
function + end
function - end
function / end
function // end
function < end
function << end
function <= end
function == end
function > end
function >: end
function >= end
function >> end
function >>> end
function \ end
function ^ end
function | end
function |> end
function ~ end
function ∘ end
function ∉ end
function ∋ end
function ∌ end
function ⊈ end
function ⊊ end
function ⊇ end
function ⊉ end
function ⊋ end
function ≉ end
function div end
function in end
function issubset end
function isapprox end
function intersect end
function union end
function sqrt end
function abs end
function abs2 end
function acos end
function acosh end
function asin end
function asinh end
function atan end
function atanh end
function cos end
function cosh end
function sin end
function sinh end
function tan end
function tanh end
function exp end
function exp2 end
function exp10 end
function expm1 end
function log end
function log2 end
function log10 end
function log1p end
function max end
function min end
function minmax end
function muladd end
function rem end
function clamp end
function clamp! end
function angle end
function big end
function binomial end
function bitreverse end
function bitrotate end
function bswap end
function ceil end
function cis end
function cispi end
function cld end
function cmp end
function complex end
function conj end
function copysign end
function count_ones end
function count_zeros end
function denominator end
function divrem end
function eps end
function factorial end
function fld end
function fld1 end
function fldmod end
function fldmod1 end
function flipsign end
function float end
function tryparse end
function floor end
function fma end
function gcd end
function gcdx end
function imag end
function inv end
function invmod end
function iseven end
function isfinite end
function isinf end
function isinteger end
function isnan end
function isodd end
function ispow2 end
function isqrt end
function isreal end
function issubnormal end
function iszero end
function isone end
function lcm end
function leading_ones end
function leading_zeros end
function maxintfloat end
function mod end
function mod1 end
function nextfloat end
function nextpow end
function nextprod end
function numerator end
function one end
function oneunit end
function powermod end
function prevfloat end
function prevpow end
function rationalize end
function real end
function floatmax end
function floatmin end
function reim end
function reinterpret end
function round end
function sign end
function signbit end
function signed end
function trailing_ones end
function trailing_zeros end
function trunc end
function unsafe_trunc end
function typemax end
function typemin end
function unsigned end
function widemul end
function zero end
function axes end
function cat end
function checkbounds end
function checkindex end
function circcopy! end
function circshift end
function circshift! end
function conj! end
function copy! end
function copyto! end
function diff end
function cumprod end
function cumprod! end
function cumsum end
function cumsum! end
function accumulate end
function accumulate! end
function eachcol end
function eachindex end
function eachrow end
function eachslice end
function extrema! end
function extrema end
function fill! end
function fill end
function first end
function hcat end
function hvcat end
function hvncat end
function indexin end
function argmax end
function argmin end
function invperm end
function invpermute! end
function isassigned end
function isperm end
function last end
function mapslices end
function maximum! end
function maximum end
function minimum! end
function minimum end
function ndims end
function ones end
function parent end
function parentindices end
function permute! end
function permutedims end
function permutedims! end
function prod! end
function prod end
function promote_shape end
function range end
function reshape end
function reverse! end
function reverse end
function rot180 end
function rotl90 end
function rotr90 end
function size end
function selectdim end
function dropdims end
function stack end
function step end
function stride end
function strides end
function sum! end
function sum end
function to_indices end
function vcat end
function vec end
function view end
function zeros end
function contains end
function eachmatch end
function endswith end
function findall end
function findfirst end
function findlast end
function findmax end
function findmin end
function findmin! end
function findmax! end
function findnext end
function findprev end
function match end
function occursin end
function startswith end
function adjoint end
function transpose end
function kron end
function kron! end
function falses end
function trues end
function append! end
function insert! end
function pop! end
function popat! end
function prepend! end
function push! end
function resize! end
function popfirst! end
function pushfirst! end
function all! end
function all end
function allequal end
function allunique end
function any! end
function any end
function firstindex end
function collect end
function count! end
function count end
function delete! end
function deleteat! end
function keepat! end
function eltype end
function empty! end
function empty end
function lastindex end
function filter! end
function filter end
function foldl end
function foldr end
function foreach end
function get end
function get! end
function getindex end
function getkey end
function haskey end
function intersect! end
function isdisjoint end
function isempty end
function issetequal end
function keys end
function keytype end
function length end
function map! end
function map end
function mapfoldl end
function mapfoldr end
function mapreduce end
function merge! end
function mergewith! end
function merge end
function mergewith end
function pairs end
function reduce end
function setdiff! end
function setdiff end
function setindex! end
function similar end
function sizehint! end
function splice! end
function symdiff! end
function symdiff end
function union! end
function unique! end
function unique end
function values end
function valtype end
function ascii end
function bitstring end
function bytes2hex end
function chomp end
function chop end
function chopprefix end
function chopsuffix end
function codepoint end
function codeunit end
function codeunits end
function digits end
function digits! end
function eachsplit end
function eachrsplit end
function escape_string end
function hex2bytes end
function hex2bytes! end
function isascii end
function iscntrl end
function isdigit end
function isletter end
function islowercase end
function isnumeric end
function isprint end
function ispunct end
function isspace end
function isuppercase end
function isxdigit end
function lowercase end
function lowercasefirst end
function isvalid end
function join end
function lpad end
function lstrip end
function ncodeunits end
function ndigits end
function nextind end
function prevind end
function repeat end
function replace end
function replace! end
function repr end
function reverseind end
function rpad end
function rsplit end
function rstrip end
function split end
function string end
function strip end
function textwidth end
function thisind end
function titlecase end
function transcode end
function unescape_string end
function uppercase end
function uppercasefirst end
function displaysize end
function dump end
function print end
function println end
function printstyled end
function show end
function showerror end
function sprint end
function summary end
function precision end
function rounding end
function setrounding end
function get_zero_subnormals end
function set_zero_subnormals end
function iterate end   # note: Base.iterate; Core has a separate Core.iterate (boot.jl)
function copy end
function deepcopy end
function hash end
function identity end
function isbits end
function isequal end
function ismutable end
function ismutabletype end
function isless end
function isunordered end
function ifelse end
function objectid end
function sizeof end   # note: Base's own; Core.sizeof is the builtin
function current_task end
function islocked end
function istaskdone end
function istaskstarted end
function istaskfailed end
function lock end
function notify end
function schedule end
function task_local_storage end
function trylock end
function unlock end
function yield end
function yieldto end
function wait end
function timedwait end
function asyncmap end
function asyncmap! end
function errormonitor end
function take! end
function put! end
function isready end
function fetch end
function bind end
function coalesce end
function ismissing end
function skipmissing end
function something end
function isnothing end
function nonmissingtype end
function sleep end
function time_ns end
function backtrace end
function catch_backtrace end
function current_exceptions end
function error end
function rethrow end
function retry end
function systemerror end
function convert end   # note: Base.convert is Base's own (base/Base.jl); Core.convert is separate
function getproperty end   # note: Base's own; Core.getproperty is const getfield
function setproperty! end
function swapproperty! end
function modifyproperty! end
function replaceproperty! end
function setpropertyonce! end
function fieldoffset end
function fieldname end
function fieldnames end
function fieldcount end
function fieldtypes end
function hasfield end
function propertynames end
function hasproperty end
function isabstracttype end
function isbitstype end
function isprimitivetype end
function isstructtype end
function isconcretetype end
function isdispatchtuple end
function oftype end
function promote end
function promote_rule end
function promote_type end
function instances end
function supertype end
function typeintersect end
function typejoin end
function widen end
function esc end
function gensym end
function macroexpand end
function parse end
function code_typed end
function code_lowered end
function fullname end
function functionloc end
function isconst end
function isinteractive end
function hasmethod end
function methods end
function nameof end
function parentmodule end
function pathof end
function pkgdir end
function pkgversion end
function names end
function which end
function invokelatest end
function __precompile__ end
function evalfile end
function include_string end
function include_dependency end
function finalizer end   # note: Base's own; Core.finalizer is the builtin
function finalize end
function precompile end
function atexit end
function atreplinit end
function exit end
function ntuple end
function splat end
function close end
function closewrite end
function countlines end
function eachline end
function eof end
function fd end
function fdio end
function flush end
function htol end
function hton end
function ismarked end
function isopen end
function isreadonly end
function ltoh end
function mark end
function bytesavailable end
function ntoh end
function open end
function peek end
function pipeline end
function position end
function read end
function read! end
function readavailable end
function readbytes! end
function readchomp end
function readline end
function readlines end
function readuntil end
function copyuntil end
function copyline end
function redirect_stdio end
function redirect_stderr end
function redirect_stdin end
function redirect_stdout end
function reset end
function seek end
function seekend end
function seekstart end
function skip end
function skipchars end
function truncate end
function unmark end
function unsafe_read end
function unsafe_write end
function write end
function download end   # note: deprecated wrapper (the Downloads stdlib does the work)
function detach end
function ignorestatus end
function kill end
function process_exited end
function process_running end
function run end
function setenv end
function addenv end
function setcpuaffinity end
function success end
function withenv end
function disable_sigint end
function pointer end
function pointer_from_objref end
function unsafe_wrap end
function unsafe_string end
function reenable_sigint end
function unsafe_copyto! end
function unsafe_load end
function unsafe_modify! end
function unsafe_pointer_to_objref end
function unsafe_replace! end
function unsafe_store! end
function unsafe_swap! end
function rand end   # note: declared in Base (`function rand end`), methods in Random
function randn end   # note: declared in Base, methods in Random
function to_index end
function vect end
function isdone end
function front end
function tail end
function split_rest end
function isambiguous end
function issingletontype end
function identify_package end
function locate_package end
function moduleroot end
function jit_total_bytes end
function summarysize end
function isexported end
function ispublic end
function operator_associativity end
function operator_precedence end
function isbinaryoperator end
function isoperator end
function isunaryoperator end
function isidentifier end
function ispostfixoperator end
function cconvert end
function unsafe_convert end
function exit_on_sigint end
function notnothing end
function runtests end
function load_path end
function active_project end
function acquire end
function release end
function _getindex end
function _memcmp end
function _reshape end
function _setindex! end
function _string_n end
function _to_linear_index end
function _typed_hcat end
function _typed_vcat end
function _unsetindex! end
function __unsafe_string! end
function axes1 end
function check_reducedims end
function compute_linindex end
function compute_offset1 end
function containsnul end
function copyfirst! end
function copymutable end
function dataids end
function depwarn end
function dims2string end
function elsize end
function fill_to_length end
function gc_num end
function gc_time_ns end
function get_extension end
function has_fast_linear_indexing end
function has_offset_axes end
function hash_bytes end
function hastypemax end
function index_dimsum end
function indexed_iterate end
function inds2string end
function inferencebarrier end
function is_short_function_def end
function is_function_def end
function literal_pow end
function mapreduce_empty end
function mapreduce_empty_iter end
function mapreduce_impl end
function merge_names end
function mightalias end
function unalias end   # note: Broadcast imports it
function print_quoted end
function promote_eltype end
function promote_op end
function promote_typeof end
function rdims end
function rdims_trailing end
function reduce_first end
function reduced_index end
function reduced_indices end
function reducedim_init end
function remove_linenums! end
function replace_in_print_matrix end
function replace_with_centered_mark end
function require_one_based_indexing end
function rest end
function rtoldefault end
function safe_tail end
function setindex end
function show_unquoted end
function showarg end
function showindices end
function size_to_strides end
function string_index_err end
function structdiff end
function sym_in end
function tuple_type_head end
function tuple_type_tail end
function typed_hcat end
function typed_hvcat end
function typed_hvncat end
function typed_vcat end
function typename end
function unsafe_indices end
function unsafe_view end
function unwrapva end
function show_default end
function print_to_string end
function add_sum end
function mul_prod end
function reduce_empty end
function mapreduce_first end
function _mapreduce_dim end
function checkbounds_indices end
function throw_boundserror end
function to_shape end
function unsafe_getindex end
function isstored end
function _sub2ind end
function _ind2sub end
function trailingsize end
function index_shape end
function index_lengths end
function uniontypes end
function return_types end
function isvarargtype end
function unwrap_unionall end
function rewrap_unionall end
function datatype_fieldtypes end
function show_circular end
function print_matrix end
function alignment end
function nonnothingtype end
function shell_escape end
function emptymutable end
function _similar_for end
function haslength end
function _array_for end
function grow_to! end
function collect_to! end
function ensure_indexable end
function copyto_unaliased! end
function PipeBuffer end   # note: a function returning an IOBuffer
# operator aliases (operators.jl, floatfuncs.jl, math.jl, pair.jl, abstractset.jl): `const X = f` makes X the same function object as f
const ≠ = !=
const ≡ = ===
const ≢ = !==
const ⊻ = xor
const ⊼ = nand
const ⊽ = nor
const ÷ = div
const ≤ = <=
const ≥ = >=
const ∈ = in
const ⊆ = issubset
const ∩ = intersect
const ∪ = union
const √ = sqrt
const ≈ = isapprox
const => = Pair                                     # note: pair.jl; `=>` is the type Pair (Core)
function sortslices end
function power_by_squaring end
function isimmutable end   # note: deprecated (@deprecate isimmutable(x) !ismutable(x) in deprecated.jl, which exports it)
function annotations end   # note: new in 1.11 (AnnotatedString API; not exported)
function print_array end
function array_summary end
function show_vector end
function typeinfo_implicit end

# --- internal types that Base's methods name (# read from JuliaLang/julia at commit aecd8fd (the source of julia-1.11-methods.jl); fields not written)
struct PersistentDict{K,V} <: AbstractDict{K,V} end          # base/dict.jl:862
struct EachLine{IOT<:IO} end                                 # base/io.jl:1183
struct ReadEachIterator{T,IOT<:IO} end                       # base/io.jl:1353
struct SplitIterator{S<:AbstractString,F} end                # base/strings/util.jl:555
struct RSplitIterator{S<:AbstractString,F} end               # base/strings/util.jl:651
struct RegexMatchIterator{S<:AbstractString} end             # base/regex.jl:704
struct ANSIIterator end                                      # base/show.jl:68
struct AnnotatedIOBuffer <: AbstractPipe end                 # base/strings/annotated.jl:395
struct CyclePadding{P} end                                   # base/reinterpretarray.jl:723
struct ReshapedArrayIterator{I,M} end                        # base/reshapedarray.jl:16
struct ExtremaMap{F} <: Function end                         # base/reduce.jl:856
struct FieldDesc end                                         # base/reflection.jl:568
mutable struct MethodList <: AbstractArray{Method,1} end     # base/reflection.jl:1176
struct JLOptions end                                         # base/options.jl:4

module Base.IteratorsMD
# base/multidimensional.jl
struct CartesianIndex{N} <: Base.AbstractCartesianIndex{N} end
const OrdinalRangeInt = OrdinalRange{Int,Int}       # note: OrdinalRange is Base's (exported)
struct CartesianIndices{N,R<:NTuple{N,OrdinalRangeInt}} <: AbstractArray{CartesianIndex{N},N} end
export CartesianIndex, CartesianIndices

module Base.GMP
# base/gmp.jl
mutable struct BigInt <: Signed end
export BigInt

module Base.GMP.MPZ
# base/gmp.jl (module MPZ: thin wrappers of libgmp's mpz_* functions)
function add! end
function add_ui! end
function sub! end
function sub_ui! end
function mul! end
function mul_ui! end
function set! end
function set_si! end

module Base.GMP.MPQ
# base/gmp.jl (module MPQ; # read from JuliaLang/julia at commit aecd8fd (the source of julia-1.11-methods.jl); fields not written)
mutable struct _MPQ end                                      # base/gmp.jl:919

module Base.MPFR
# base/mpfr.jl
mutable struct BigFloat <: AbstractFloat end
function setprecision end          # note: Base's exported setprecision is MPFR's (imported into Base by `using .MPFR`)
export BigFloat, setprecision

module Base.PermutedDimsArrays
# base/permuteddimsarray.jl
struct PermutedDimsArray{T,N,perm,iperm,AA<:AbstractArray} <: AbstractArray{T,N} end
export PermutedDimsArray

module Base.Enums
# base/Enums.jl
abstract type Enum{T<:Integer} end
export Enum

module Base.Order
# base/ordering.jl
abstract type Ordering end
struct ForwardOrdering <: Ordering end
struct ReverseOrdering{Fwd<:Ordering} <: Ordering end
struct By{T,O} <: Ordering end
struct Lt{T} <: Ordering end
struct Perm{O<:Ordering,V<:AbstractVector} <: Ordering end
const DirectOrdering = Union{ForwardOrdering,ReverseOrdering{ForwardOrdering}}
function lt end
function ord end
function ordtype end
export Ordering, By, Lt, Perm, ReverseOrdering, ForwardOrdering, DirectOrdering, lt, ord, ordtype
# note: Forward and Reverse are values (ForwardOrdering() and ReverseOrdering()), not declared here

module Base.Sort
# base/sort.jl
abstract type Algorithm end
struct InsertionSortAlg <: Algorithm end
struct MergeSortAlg <: Algorithm end
struct QuickSortAlg <: Algorithm end                # note: 1.9+ keeps it for compatibility
struct PartialQuickSort{L<:Union{Integer,Missing},H<:Union{Integer,Missing},T<:Algorithm} <: Algorithm end
# # read from JuliaLang/julia at commit aecd8fd (the source of julia-1.11-methods.jl); fields not written
struct ConsiderCountingSort{T<:Algorithm,U<:Algorithm} <: Algorithm end   # base/sort.jl:900
struct ConsiderRadixSort{T<:Algorithm,U<:Algorithm} <: Algorithm end      # base/sort.jl:960
struct ScratchQuickSort{L<:Union{Integer,Missing},H<:Union{Integer,Missing},T<:Algorithm} <: Algorithm end   # base/sort.jl:1056
struct BracketedSort{T,F} <: Algorithm end                                 # base/sort.jl:1200
function sort end
function sort! end
function sortperm end
function sortperm! end
function issorted end
function searchsorted end
function searchsortedfirst end
function searchsortedlast end
function insorted end
function partialsort end
function partialsort! end
function partialsortperm end
function partialsortperm! end
function defalg end
export sort, sort!, sortperm, sortperm!, issorted, searchsorted, searchsortedfirst, searchsortedlast, insorted
export partialsort, partialsort!, partialsortperm, partialsortperm!, PartialQuickSort
# note: Sort also exports the values InsertionSort, MergeSort, QuickSort (instances of the Alg types)

module Base.Math
# base/math.jl: functions owned by Math (log, exp, sin, cos, tan, sinh, cosh, tanh, asin, acos, atan, asinh,
# acosh, atanh, sqrt, log2, log10, max, min, minmax, ^, exp2, muladd, rem, exp10, expm1, log1p, clamp, clamp!
# are Base's, imported into Math)
function sincos end
function sec end
function csc end
function cot end
function asec end
function acsc end
function acot end
function sech end
function csch end
function coth end
function asech end
function acsch end
function acoth end
function sinpi end
function cospi end
function sincospi end
function tanpi end
function sinc end
function cosc end
function cosd end
function cotd end
function cscd end
function secd end
function sind end
function tand end
function sincosd end
function acosd end
function acotd end
function acscd end
function asecd end
function asind end
function atand end
function rad2deg end
function deg2rad end
function exponent end
function cbrt end
function fourthroot end
function significand end
function hypot end
function ldexp end
function frexp end
function modf end
function mod2pi end
function rem2pi end
function evalpoly end
export sincos, sec, csc, cot, asec, acsc, acot, sech, csch, coth, asech, acsch, acoth
export sinpi, cospi, sincospi, tanpi, sinc, cosc, cosd, cotd, cscd, secd, sind, tand, sincosd
export acosd, acotd, acscd, asecd, asind, atand, rad2deg, deg2rad, exponent, cbrt, fourthroot, significand
export hypot, ldexp, frexp, modf, mod2pi, rem2pi, evalpoly
# note: Math's export list also names the Base functions it imports (sin, cos, ..., clamp, ^); Base owns those

module Base.Checked
# base/checked.jl
function checked_neg end
function checked_abs end
function checked_add end
function checked_sub end
function checked_mul end
function checked_div end
function checked_rem end
function checked_fld end
function checked_mod end
function checked_cld end
function checked_pow end
function checked_length end
function add_with_overflow end
function sub_with_overflow end
function mul_with_overflow end
export checked_neg, checked_abs, checked_add, checked_sub, checked_mul, checked_div, checked_rem
export checked_fld, checked_mod, checked_cld, checked_pow, checked_length, add_with_overflow, sub_with_overflow, mul_with_overflow

module Base.FastMath
# base/fastmath.jl
function add_fast end
function sub_fast end
function mul_fast end
function div_fast end
function rem_fast end
function pow_fast end
function neg_fast end
function sqrt_fast end
function exp_fast end
function log_fast end
function sin_fast end
function cos_fast end
function inv_fast end
function abs_fast end
function max_fast end
function min_fast end
function eq_fast end
function lt_fast end
function le_fast end

module Base.Experimental
# base/experimental.jl
function register_error_hint end
function show_error_hints end

module Base.Multimedia
# base/multimedia.jl
struct MIME{mime} end
abstract type AbstractDisplay end
struct TextDisplay <: AbstractDisplay end
function display end
function displayable end
function istextmime end
function popdisplay end
function pushdisplay end
function redisplay end
function showable end
export AbstractDisplay, display, pushdisplay, popdisplay, displayable, redisplay, MIME, istextmime, showable, TextDisplay

module Base.Docs
# base/docs/Docs.jl, base/docs/utils.jl
mutable struct HTML{T} end
mutable struct Text{T} end
function doc end
export HTML, Text

module Base.CoreLogging
# base/logging/logging.jl (the Logging stdlib re-exports these)
abstract type AbstractLogger end
struct LogLevel end
struct NullLogger <: AbstractLogger end
struct SimpleLogger <: AbstractLogger end
function handle_message end
function shouldlog end
function min_enabled_level end
function catch_exceptions end
function with_logger end
function current_logger end
function global_logger end
function disable_logging end
export AbstractLogger, LogLevel, NullLogger, with_logger, current_logger, global_logger, disable_logging, SimpleLogger

module Base.Libc
# base/libc.jl
primitive type RawFD 32 end
function getpid end
function gethostname end
function time end
function malloc end
function free end
function errno end
function strerror end
export getpid, gethostname, time, malloc, free, errno, strerror
# note: the rest of Libc's export list (FILE, TmStruct, strftime, ...) is not declared here; Base does `using .Libc: getpid, gethostname, time` and has RawFD
mutable struct TmStruct end   # base/libc.jl:192 at JuliaLang/julia aecd8fd (Dates' methods name it; not exported here)

module Base.Filesystem
# base/path.jl, base/file.jl, base/stat.jl
mutable struct File end
struct StatStruct end
function basename end
function dirname end
function joinpath end
function splitdir end
function splitdrive end
function splitext end
function splitpath end
function abspath end
function normpath end
function realpath end
function relpath end
function expanduser end
function contractuser end
function homedir end
function isabspath end
function isdirpath end
function cd end
function chmod end
function chown end
function cp end
function mkdir end
function mkpath end
function mktemp end
function mktempdir end
function mv end
function pwd end
function readdir end
function readlink end
function rm end
function symlink end
function hardlink end
function tempdir end
function tempname end
function touch end
function walkdir end
function isdir end
function isfile end
function islink end
function ispath end
function stat end
function lstat end
function filesize end
function mtime end
function ctime end
function filemode end
function diskstat end
function gperm end
function isblockdev end
function ischardev end
function isfifo end
function ismount end
function isreadable end
function issetgid end
function issetuid end
function issocket end
function issticky end
function iswritable end
function operm end
function samefile end
function uperm end
export basename, dirname, joinpath, splitdir, splitdrive, splitext, splitpath, abspath, normpath, realpath, relpath
export expanduser, contractuser, homedir, isabspath, isdirpath, cd, chmod, chown, cp, mkdir, mkpath, mktemp, mktempdir
export mv, pwd, readdir, readlink, rm, symlink, hardlink, tempdir, tempname, touch, walkdir, isdir, isfile, islink, ispath
export stat, lstat, filesize, mtime, ctime, filemode
export diskstat, gperm, isblockdev, ischardev, isfifo, ismount, isreadable, issetgid, issetuid, issocket, issticky, iswritable, operm, samefile, uperm

module Base.Threads
# base/threads.jl, base/atomics.jl, base/threadingconstructs.jl, base/locks-mt.jl
mutable struct Atomic{T} end
mutable struct SpinLock <: Base.AbstractLock end
const Condition = Base.GenericCondition{Base.ReentrantLock}
function threadid end
function nthreads end
function maxthreadid end
function threadpool end
function nthreadpools end
function atomic_add! end
function atomic_sub! end
function atomic_and! end
function atomic_or! end
function atomic_xor! end
function atomic_max! end
function atomic_min! end
function atomic_xchg! end
function atomic_cas! end
function atomic_fence end
function resize_nthreads! end
export threadid, nthreads, maxthreadid, threadpool, nthreadpools, Atomic, atomic_add!, atomic_sub!, atomic_and!, atomic_or!
export atomic_xor!, atomic_max!, atomic_min!, atomic_xchg!, atomic_cas!, atomic_fence, SpinLock

module Base.GC
# base/gcutils.jl
function gc end
function enable end
function safepoint end
function enable_logging end
function in_finalizer end

module Base.Meta
# base/meta.jl
function isexpr end
function parse end              # note: Meta.parse is Meta's own (not Base.parse)
function parseall end
function parseatom end
function quot end
function lower end
function show_sexpr end
function replace_sourceloc! end
struct ParseError <: Exception end
export quot, isexpr, replace_sourceloc!, show_sexpr
# note: Meta also exports isidentifier, isoperator, isunaryoperator, isbinaryoperator, ispostfixoperator (Base's, imported into Meta; aliases at the end of the file) and the macro @dump

module Base.StackTraces
# base/stacktraces.jl
struct StackFrame end
const StackTrace = Vector{StackFrame}
function stacktrace end
export StackTrace, StackFrame, stacktrace

module Base.ScopedValues
# base/scopedvalues.jl (new in 1.11; Base does not export these in 1.11)
struct ScopedValue{T} end
struct Scope end
function with end
export ScopedValue, with

module Base.Iterators
# base/iterators.jl
struct Reverse{T} end
struct Enumerate{I} end
struct Zip{Is<:Tuple} end
struct Filter{F,I} end
struct Accumulate{F,I,T} end
struct Rest{I,S} end
struct Count{T,S} end
struct Take{I} end
struct Drop{I} end
struct TakeWhile{I,P<:Function} end
struct DropWhile{I,P<:Function} end
struct Cycle{I} end
struct Repeated{O} end
struct ProductIterator{T<:Tuple} end
struct Flatten{I} end
struct PartitionIterator{T} end
mutable struct Stateful{T,VS} end
struct IterationCutShort end
const Pairs = Base.Pairs                            # note: Iterators.Pairs is Base.Pairs (imported)
function enumerate end
function zip end
function only end
function rest end
function countfrom end
function take end
function drop end
function takewhile end
function dropwhile end
function cycle end
function repeated end
function product end
function flatten end
function flatmap end
function partition end
function peel end
function reverse end           # note: Iterators.reverse is its own function (lazy), not Base.reverse
function filter end            # note: Iterators.filter is its own function (lazy), not Base.filter
function map end               # note: Iterators.map is its own function (lazy), not Base.map
function accumulate end        # note: Iterators.accumulate is its own function (lazy)
export enumerate, zip, rest, countfrom, take, drop, takewhile, dropwhile, cycle, repeated, product, flatten, flatmap, partition
# note: Iterators does not export only/peel/reverse/filter/map/accumulate (Base's `using .Iterators: zip, enumerate, only`)

module Base.Broadcast
# base/broadcast.jl
abstract type BroadcastStyle end
struct Style{T} <: BroadcastStyle end
struct Unknown <: BroadcastStyle end
abstract type AbstractArrayStyle{N} <: BroadcastStyle end
struct DefaultArrayStyle{N} <: AbstractArrayStyle{N} end
const DefaultVectorStyle = DefaultArrayStyle{1}
const DefaultMatrixStyle = DefaultArrayStyle{2}
struct ArrayConflict <: AbstractArrayStyle{Any} end
struct Broadcasted{Style<:Union{Nothing,BroadcastStyle},Axes,F,Args<:Tuple} <: Base.AbstractBroadcasted end
struct Extruded{T,K,D} end
struct BroadcastFunction{F} <: Function end
# # read from JuliaLang/julia at commit aecd8fd (the source of julia-1.11-methods.jl); fields not written
const ChunkableOp = Union{typeof(&),typeof(|),typeof(xor),typeof(~),typeof(identity),typeof(!),typeof(*),typeof(==)}   # base/broadcast.jl:1021
const BroadcastedChunkableOp{Style<:Union{Nothing,BroadcastStyle},Axes,F<:ChunkableOp,Args<:Tuple} = Broadcasted{Style,Axes,F,Args}   # base/broadcast.jl:1023
struct BitMaskedBitArray{N,M} end                                           # base/broadcast.jl:1184
function broadcast end
function broadcast! end
function broadcasted end
function broadcasted_kwsyntax end
function materialize end
function materialize! end
function instantiate end
function broadcastable end
function combine_axes end
function combine_styles end
function result_style end
function newindex end
function _axes end
function broadcast_unalias end
function throwdm end
function shapeindexer end
function broadcast_axes end
function broadcast_shape end
function broadcast_getindex end
function broadcast_setindex! end
function dotview end
function check_broadcast_axes end
function preprocess end
function flatten end
function broadcast_preserving_zero_d end
function andand end
function oror end
const unalias = Base.unalias                          # note: imported from Base (`using ..Base: ... unalias`); declared in Base below
export broadcast_axes, BroadcastStyle, broadcast_shape, broadcast_getindex, broadcast_setindex!, dotview, BroadcastFunction
# note: the macro @__dot__ is exported too; broadcast and broadcast! are exported by Base

module Base
# (Base continued: names Base gets from its submodules)

# --- names Base gets from its submodules and from Core.Intrinsics (`using`): aliases to the owning module's binding
const CartesianIndex = Base.IteratorsMD.CartesianIndex   # note: using .IteratorsMD
const CartesianIndices = Base.IteratorsMD.CartesianIndices   # note: using .IteratorsMD
const BigInt = Base.GMP.BigInt   # note: using .GMP
const BigFloat = Base.MPFR.BigFloat   # note: using .MPFR
const setprecision = Base.MPFR.setprecision   # note: using .MPFR
const PermutedDimsArray = Base.PermutedDimsArrays.PermutedDimsArray   # note: using .PermutedDimsArrays
const Enum = Base.Enums.Enum   # note: using .Enums
const Ordering = Base.Order.Ordering   # note: using .Order
const ReverseOrdering = Base.Order.ReverseOrdering   # note: using .Order
const ForwardOrdering = Base.Order.ForwardOrdering   # note: using .Order
const DirectOrdering = Base.Order.DirectOrdering   # note: using .Order
const By = Base.Order.By   # note: using .Order
const Lt = Base.Order.Lt   # note: using .Order
const Perm = Base.Order.Perm   # note: using .Order
const lt = Base.Order.lt   # note: using .Order
const ord = Base.Order.ord   # note: using .Order
const ordtype = Base.Order.ordtype   # note: using .Order
const sort = Base.Sort.sort   # note: using .Sort
const sort! = Base.Sort.sort!   # note: using .Sort
const sortperm = Base.Sort.sortperm   # note: using .Sort
const sortperm! = Base.Sort.sortperm!   # note: using .Sort
const issorted = Base.Sort.issorted   # note: using .Sort
const searchsorted = Base.Sort.searchsorted   # note: using .Sort
const searchsortedfirst = Base.Sort.searchsortedfirst   # note: using .Sort
const searchsortedlast = Base.Sort.searchsortedlast   # note: using .Sort
const insorted = Base.Sort.insorted   # note: using .Sort
const partialsort = Base.Sort.partialsort   # note: using .Sort
const partialsort! = Base.Sort.partialsort!   # note: using .Sort
const partialsortperm = Base.Sort.partialsortperm   # note: using .Sort
const partialsortperm! = Base.Sort.partialsortperm!   # note: using .Sort
const PartialQuickSort = Base.Sort.PartialQuickSort   # note: using .Sort
const sincos = Base.Math.sincos   # note: using .Math
const sec = Base.Math.sec   # note: using .Math
const csc = Base.Math.csc   # note: using .Math
const cot = Base.Math.cot   # note: using .Math
const asec = Base.Math.asec   # note: using .Math
const acsc = Base.Math.acsc   # note: using .Math
const acot = Base.Math.acot   # note: using .Math
const sech = Base.Math.sech   # note: using .Math
const csch = Base.Math.csch   # note: using .Math
const coth = Base.Math.coth   # note: using .Math
const asech = Base.Math.asech   # note: using .Math
const acsch = Base.Math.acsch   # note: using .Math
const acoth = Base.Math.acoth   # note: using .Math
const sinpi = Base.Math.sinpi   # note: using .Math
const cospi = Base.Math.cospi   # note: using .Math
const sincospi = Base.Math.sincospi   # note: using .Math
const tanpi = Base.Math.tanpi   # note: using .Math
const sinc = Base.Math.sinc   # note: using .Math
const cosc = Base.Math.cosc   # note: using .Math
const cosd = Base.Math.cosd   # note: using .Math
const cotd = Base.Math.cotd   # note: using .Math
const cscd = Base.Math.cscd   # note: using .Math
const secd = Base.Math.secd   # note: using .Math
const sind = Base.Math.sind   # note: using .Math
const tand = Base.Math.tand   # note: using .Math
const sincosd = Base.Math.sincosd   # note: using .Math
const acosd = Base.Math.acosd   # note: using .Math
const acotd = Base.Math.acotd   # note: using .Math
const acscd = Base.Math.acscd   # note: using .Math
const asecd = Base.Math.asecd   # note: using .Math
const asind = Base.Math.asind   # note: using .Math
const atand = Base.Math.atand   # note: using .Math
const rad2deg = Base.Math.rad2deg   # note: using .Math
const deg2rad = Base.Math.deg2rad   # note: using .Math
const exponent = Base.Math.exponent   # note: using .Math
const cbrt = Base.Math.cbrt   # note: using .Math
const fourthroot = Base.Math.fourthroot   # note: using .Math
const significand = Base.Math.significand   # note: using .Math
const hypot = Base.Math.hypot   # note: using .Math
const ldexp = Base.Math.ldexp   # note: using .Math
const frexp = Base.Math.frexp   # note: using .Math
const modf = Base.Math.modf   # note: using .Math
const mod2pi = Base.Math.mod2pi   # note: using .Math
const rem2pi = Base.Math.rem2pi   # note: using .Math
const evalpoly = Base.Math.evalpoly   # note: using .Math
const checked_neg = Base.Checked.checked_neg   # note: using .Checked
const checked_abs = Base.Checked.checked_abs   # note: using .Checked
const checked_add = Base.Checked.checked_add   # note: using .Checked
const checked_sub = Base.Checked.checked_sub   # note: using .Checked
const checked_mul = Base.Checked.checked_mul   # note: using .Checked
const checked_div = Base.Checked.checked_div   # note: using .Checked
const checked_rem = Base.Checked.checked_rem   # note: using .Checked
const checked_fld = Base.Checked.checked_fld   # note: using .Checked
const checked_mod = Base.Checked.checked_mod   # note: using .Checked
const checked_cld = Base.Checked.checked_cld   # note: using .Checked
const checked_pow = Base.Checked.checked_pow   # note: using .Checked
const checked_length = Base.Checked.checked_length   # note: using .Checked
const add_with_overflow = Base.Checked.add_with_overflow   # note: using .Checked
const sub_with_overflow = Base.Checked.sub_with_overflow   # note: using .Checked
const mul_with_overflow = Base.Checked.mul_with_overflow   # note: using .Checked
const MIME = Base.Multimedia.MIME   # note: using .Multimedia
const AbstractDisplay = Base.Multimedia.AbstractDisplay   # note: using .Multimedia
const TextDisplay = Base.Multimedia.TextDisplay   # note: using .Multimedia
const display = Base.Multimedia.display   # note: using .Multimedia
const displayable = Base.Multimedia.displayable   # note: using .Multimedia
const istextmime = Base.Multimedia.istextmime   # note: using .Multimedia
const popdisplay = Base.Multimedia.popdisplay   # note: using .Multimedia
const pushdisplay = Base.Multimedia.pushdisplay   # note: using .Multimedia
const redisplay = Base.Multimedia.redisplay   # note: using .Multimedia
const showable = Base.Multimedia.showable   # note: using .Multimedia
const HTML = Base.Docs.HTML   # note: using .Docs
const Text = Base.Docs.Text   # note: using .Docs
const AbstractLogger = CoreLogging.AbstractLogger   # note: using .CoreLogging
const LogLevel = CoreLogging.LogLevel   # note: using .CoreLogging
const NullLogger = CoreLogging.NullLogger   # note: using .CoreLogging
const SimpleLogger = CoreLogging.SimpleLogger   # note: using .CoreLogging
const with_logger = CoreLogging.with_logger   # note: using .CoreLogging
const current_logger = CoreLogging.current_logger   # note: using .CoreLogging
const global_logger = CoreLogging.global_logger   # note: using .CoreLogging
const disable_logging = CoreLogging.disable_logging   # note: using .CoreLogging
const RawFD = Base.Libc.RawFD   # note: using .Libc: RawFD, getpid, gethostname, time
const getpid = Base.Libc.getpid   # note: using .Libc: RawFD, getpid, gethostname, time
const gethostname = Base.Libc.gethostname   # note: using .Libc: RawFD, getpid, gethostname, time
const time = Base.Libc.time   # note: using .Libc: RawFD, getpid, gethostname, time
const basename = Base.Filesystem.basename   # note: using .Filesystem
const dirname = Base.Filesystem.dirname   # note: using .Filesystem
const joinpath = Base.Filesystem.joinpath   # note: using .Filesystem
const splitdir = Base.Filesystem.splitdir   # note: using .Filesystem
const splitdrive = Base.Filesystem.splitdrive   # note: using .Filesystem
const splitext = Base.Filesystem.splitext   # note: using .Filesystem
const splitpath = Base.Filesystem.splitpath   # note: using .Filesystem
const abspath = Base.Filesystem.abspath   # note: using .Filesystem
const normpath = Base.Filesystem.normpath   # note: using .Filesystem
const realpath = Base.Filesystem.realpath   # note: using .Filesystem
const relpath = Base.Filesystem.relpath   # note: using .Filesystem
const expanduser = Base.Filesystem.expanduser   # note: using .Filesystem
const contractuser = Base.Filesystem.contractuser   # note: using .Filesystem
const homedir = Base.Filesystem.homedir   # note: using .Filesystem
const isabspath = Base.Filesystem.isabspath   # note: using .Filesystem
const isdirpath = Base.Filesystem.isdirpath   # note: using .Filesystem
const cd = Base.Filesystem.cd   # note: using .Filesystem
const chmod = Base.Filesystem.chmod   # note: using .Filesystem
const chown = Base.Filesystem.chown   # note: using .Filesystem
const cp = Base.Filesystem.cp   # note: using .Filesystem
const mkdir = Base.Filesystem.mkdir   # note: using .Filesystem
const mkpath = Base.Filesystem.mkpath   # note: using .Filesystem
const mktemp = Base.Filesystem.mktemp   # note: using .Filesystem
const mktempdir = Base.Filesystem.mktempdir   # note: using .Filesystem
const mv = Base.Filesystem.mv   # note: using .Filesystem
const pwd = Base.Filesystem.pwd   # note: using .Filesystem
const readdir = Base.Filesystem.readdir   # note: using .Filesystem
const readlink = Base.Filesystem.readlink   # note: using .Filesystem
const rm = Base.Filesystem.rm   # note: using .Filesystem
const symlink = Base.Filesystem.symlink   # note: using .Filesystem
const hardlink = Base.Filesystem.hardlink   # note: using .Filesystem
const tempdir = Base.Filesystem.tempdir   # note: using .Filesystem
const tempname = Base.Filesystem.tempname   # note: using .Filesystem
const touch = Base.Filesystem.touch   # note: using .Filesystem
const walkdir = Base.Filesystem.walkdir   # note: using .Filesystem
const isdir = Base.Filesystem.isdir   # note: using .Filesystem
const isfile = Base.Filesystem.isfile   # note: using .Filesystem
const islink = Base.Filesystem.islink   # note: using .Filesystem
const ispath = Base.Filesystem.ispath   # note: using .Filesystem
const stat = Base.Filesystem.stat   # note: using .Filesystem
const lstat = Base.Filesystem.lstat   # note: using .Filesystem
const filesize = Base.Filesystem.filesize   # note: using .Filesystem
const mtime = Base.Filesystem.mtime   # note: using .Filesystem
const ctime = Base.Filesystem.ctime   # note: using .Filesystem
const filemode = Base.Filesystem.filemode   # note: using .Filesystem
const diskstat = Base.Filesystem.diskstat   # note: using .Filesystem
const gperm = Base.Filesystem.gperm   # note: using .Filesystem
const isblockdev = Base.Filesystem.isblockdev   # note: using .Filesystem
const ischardev = Base.Filesystem.ischardev   # note: using .Filesystem
const isfifo = Base.Filesystem.isfifo   # note: using .Filesystem
const ismount = Base.Filesystem.ismount   # note: using .Filesystem
const isreadable = Base.Filesystem.isreadable   # note: using .Filesystem
const issetgid = Base.Filesystem.issetgid   # note: using .Filesystem
const issetuid = Base.Filesystem.issetuid   # note: using .Filesystem
const issocket = Base.Filesystem.issocket   # note: using .Filesystem
const issticky = Base.Filesystem.issticky   # note: using .Filesystem
const iswritable = Base.Filesystem.iswritable   # note: using .Filesystem
const operm = Base.Filesystem.operm   # note: using .Filesystem
const samefile = Base.Filesystem.samefile   # note: using .Filesystem
const uperm = Base.Filesystem.uperm   # note: using .Filesystem
const zip = Base.Iterators.zip   # note: using .Iterators: zip, enumerate, only
const enumerate = Base.Iterators.enumerate   # note: using .Iterators: zip, enumerate, only
const only = Base.Iterators.only   # note: using .Iterators: zip, enumerate, only
const broadcast = Base.Broadcast.broadcast   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast! = Base.Broadcast.broadcast!   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcasted = Base.Broadcast.broadcasted   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcasted_kwsyntax = Base.Broadcast.broadcasted_kwsyntax   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const materialize = Base.Broadcast.materialize   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const materialize! = Base.Broadcast.materialize!   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast_preserving_zero_d = Base.Broadcast.broadcast_preserving_zero_d   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const andand = Base.Broadcast.andand   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const oror = Base.Broadcast.oror   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcastable = Base.Broadcast.broadcastable   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const BroadcastStyle = Base.Broadcast.BroadcastStyle   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const BroadcastFunction = Base.Broadcast.BroadcastFunction   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast_axes = Base.Broadcast.broadcast_axes   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast_shape = Base.Broadcast.broadcast_shape   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast_getindex = Base.Broadcast.broadcast_getindex   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const broadcast_setindex! = Base.Broadcast.broadcast_setindex!   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const dotview = Base.Broadcast.dotview   # note: using .Broadcast (+ `using .Broadcast: broadcasted, ..., oror`)
const StackFrame = Base.StackTraces.StackFrame   # note: using .StackTraces
const StackTrace = Base.StackTraces.StackTrace   # note: using .StackTraces
const stacktrace = Base.StackTraces.stacktrace   # note: using .StackTraces
const isexpr = Base.Meta.isexpr   # note: using .Meta
const quot = Base.Meta.quot   # note: using .Meta
const ScopedValue = Base.ScopedValues.ScopedValue   # note: using .ScopedValues (not exported by Base in 1.11)
const with = Base.ScopedValues.with   # note: using .ScopedValues (not exported by Base in 1.11)
const multiplicativeinverse = Base.MultiplicativeInverses.multiplicativeinverse   # note: using .MultiplicativeInverses
const add_int = Core.Intrinsics.add_int   # note: using Core.Intrinsics
const sub_int = Core.Intrinsics.sub_int   # note: using Core.Intrinsics
const mul_int = Core.Intrinsics.mul_int   # note: using Core.Intrinsics
const neg_int = Core.Intrinsics.neg_int   # note: using Core.Intrinsics
const and_int = Core.Intrinsics.and_int   # note: using Core.Intrinsics
const or_int = Core.Intrinsics.or_int   # note: using Core.Intrinsics
const xor_int = Core.Intrinsics.xor_int   # note: using Core.Intrinsics
const not_int = Core.Intrinsics.not_int   # note: using Core.Intrinsics
const shl_int = Core.Intrinsics.shl_int   # note: using Core.Intrinsics
const lshr_int = Core.Intrinsics.lshr_int   # note: using Core.Intrinsics
const ashr_int = Core.Intrinsics.ashr_int   # note: using Core.Intrinsics
const bswap_int = Core.Intrinsics.bswap_int   # note: using Core.Intrinsics
const eq_int = Core.Intrinsics.eq_int   # note: using Core.Intrinsics
const ne_int = Core.Intrinsics.ne_int   # note: using Core.Intrinsics
const slt_int = Core.Intrinsics.slt_int   # note: using Core.Intrinsics
const ult_int = Core.Intrinsics.ult_int   # note: using Core.Intrinsics
const sle_int = Core.Intrinsics.sle_int   # note: using Core.Intrinsics
const ule_int = Core.Intrinsics.ule_int   # note: using Core.Intrinsics
const sext_int = Core.Intrinsics.sext_int   # note: using Core.Intrinsics
const zext_int = Core.Intrinsics.zext_int   # note: using Core.Intrinsics
const trunc_int = Core.Intrinsics.trunc_int   # note: using Core.Intrinsics
const bitcast = Core.Intrinsics.bitcast   # note: using Core.Intrinsics
const sqrt_llvm = Core.Intrinsics.sqrt_llvm   # note: using Core.Intrinsics
const cglobal = Core.Intrinsics.cglobal   # note: using Core.Intrinsics
const donotdelete = Core.donotdelete   # note: using Core: ... (non-exported Core name Base imports)
const compilerbarrier = Core.compilerbarrier   # note: using Core: ... (non-exported Core name Base imports)
const svec = Core.svec   # note: using Core: ... (non-exported Core name Base imports)
const apply_type = Core.apply_type   # note: using Core: ... (non-exported Core name Base imports)
const memoryref = Core.memoryref   # note: using Core: ... (non-exported Core name Base imports)
const memoryrefget = Core.memoryrefget   # note: using Core: ... (non-exported Core name Base imports)
const memoryrefset! = Core.memoryrefset!   # note: using Core: ... (non-exported Core name Base imports)
const memoryref_isassigned = Core.memoryref_isassigned   # note: using Core: ... (non-exported Core name Base imports)
const memoryrefoffset = Core.memoryrefoffset   # note: using Core: ... (non-exported Core name Base imports)
const kwcall = Core.kwcall   # note: using Core: ... (non-exported Core name Base imports)
const ∛ = cbrt
const ∜ = fourthroot
# --- Base's export list (base/exports.jl, 1.11); names declared above or aliased from submodules
export AbstractChannel, AbstractIrrational, AbstractMatrix, AbstractRange, AbstractSet, AbstractSlices, AbstractUnitRange
export AbstractVector, AbstractVecOrMat, AbstractMatch, AbstractPattern, AbstractDict, BigFloat, BigInt, BitArray
export BitMatrix, BitVector, CartesianIndex, CartesianIndices, LinearIndices, Channel, Cmd, Colon, Complex, ComplexF64
export ComplexF32, ComplexF16, ComposedFunction, ColumnSlices, DenseMatrix, DenseVecOrMat, DenseVector, Dict, Dims
export Enum, ExponentialBackOff, IndexCartesian, IndexLinear, IndexStyle, BitSet, IOBuffer, IOStream, LinRange, Irrational
export LazyString, Matrix, Missing, IdDict, OrdinalRange, PartialQuickSort, PermutedDimsArray, Rational, Regex, RegexMatch
export Returns, RoundingMode, RowSlices, Set, Some, Slices, StepRange, StepRangeLen, StridedArray, StridedMatrix
export StridedVecOrMat, StridedVector, SubArray, SubString, SubstitutionString, Timer, UnitRange, Val, VecOrMat
export Vector, VersionNumber, WeakKeyDict, Cchar, Cdouble, Cfloat, Cint, Cintmax_t, Clong, Clonglong, Cptrdiff_t
export Cshort, Csize_t, Cssize_t, Cuchar, Cuint, Cuintmax_t, Culong, Culonglong, Cushort, Cwchar_t, Cstring, Cwstring
export CanonicalIndexError, CapturedException, CompositeException, DimensionMismatch, EOFError, InvalidStateException
export KeyError, MissingException, ProcessFailedException, TaskFailedException, SystemError, StringIndexError, !
export !=, ≠, !==, ≡, ≢, xor, ⊻, nand, nor, ⊼, ⊽, %, ÷, &, *, +, -, /, //, <, <<, <=, ≤, ==, >, >:, >=, ≥, >>, >>>
export \, ^, |, |>, ~, =>, ∘, evalpoly, abs, abs2, acos, acosd, acosh, acot, acotd, acoth, acsc, acscd, acsch, angle
export asec, asecd, asech, asin, asind, asinh, atan, atand, atanh, big, binomial, bitreverse, bitrotate, bswap, cbrt
export fourthroot, ceil, cis, cispi, clamp, cld, cmp, complex, conj, copysign, cos, cosc, cosd, cosh, cospi, cot
export cotd, coth, count_ones, count_zeros, csc, cscd, csch, deg2rad, denominator, div, divrem, eps, exp, exp10
export exp2, expm1, exponent, factorial, fld, fld1, fldmod, fldmod1, flipsign, float, tryparse, floor, fma, frexp
export gcd, gcdx, hypot, imag, inv, invmod, isapprox, iseven, isfinite, isinf, isinteger, isnan, isodd, ispow2, isqrt
export isreal, issubnormal, iszero, isone, lcm, ldexp, leading_ones, leading_zeros, log, log10, log1p, log2, maxintfloat
export mod, mod1, modf, mod2pi, muladd, nextfloat, nextpow, nextprod, numerator, one, oneunit, powermod, prevfloat
export prevpow, rad2deg, rationalize, real, floatmax, floatmin, reim, reinterpret, rem, rem2pi, round, sec, secd
export sech, sign, signbit, signed, significand, sin, sinc, sincos, sincosd, sincospi, sind, sinh, sinpi, sqrt, tan
export tand, tanh, tanpi, trailing_ones, trailing_zeros, trunc, unsafe_trunc, typemax, typemin, unsigned, widemul
export zero, √, ∛, ∜, ≈, ≉, axes, broadcast!, broadcast, cat, checkbounds, checkindex, circcopy!, circshift, circshift!
export clamp!, conj!, copy!, copyto!, diff, cumprod, cumprod!, cumsum, cumsum!, accumulate, accumulate!, eachcol
export eachindex, eachrow, eachslice, extrema!, extrema, fill!, fill, first, hcat, hvcat, hvncat, indexin, argmax
export argmin, invperm, invpermute!, isassigned, isperm, issorted, last, mapslices, max, maximum!, maximum, min
export minimum!, minimum, minmax, ndims, ones, parent, parentindices, partialsort, partialsort!, partialsortperm
export partialsortperm!, permute!, permutedims, permutedims!, prod!, prod, promote_shape, range, reshape, reverse!
export reverse, rot180, rotl90, rotr90, size, selectdim, sort!, sort, sortperm, sortperm!, dropdims, stack, step
export stride, strides, sum!, sum, to_indices, vcat, vec, view, zeros, contains, eachmatch, endswith, findall, findfirst
export findlast, findmax, findmin, findmin!, findmax!, findnext, findprev, match, occursin, searchsorted, searchsortedfirst
export searchsortedlast, insorted, startswith, adjoint, transpose, kron, kron!, falses, trues, append!, insert!
export pop!, popat!, prepend!, push!, resize!, popfirst!, pushfirst!, all!, all, allequal, allunique, any!, any
export firstindex, collect, count!, count, delete!, deleteat!, keepat!, eltype, empty!, empty, lastindex, filter!
export filter, foldl, foldr, foreach, get, get!, getindex, getkey, haskey, in, intersect!, intersect, isdisjoint
export isempty, issubset, issetequal, keys, keytype, length, map!, map, mapfoldl, mapfoldr, mapreduce, merge!, mergewith!
export merge, mergewith, pairs, reduce, setdiff!, setdiff, setindex!, similar, sizehint!, splice!, symdiff!, symdiff
export union!, union, unique!, unique, values, valtype, ∈, ∉, ∋, ∌, ⊆, ⊈, ⊊, ⊇, ⊉, ⊋, ∩, ∪, ascii, bitstring, bytes2hex
export chomp, chop, chopprefix, chopsuffix, codepoint, codeunit, codeunits, digits, digits!, eachsplit, eachrsplit
export escape_string, hex2bytes, hex2bytes!, isascii, iscntrl, isdigit, isletter, islowercase, isnumeric, isprint
export ispunct, isspace, isuppercase, isxdigit, lowercase, lowercasefirst, isvalid, join, lpad, lstrip, ncodeunits
export ndigits, nextind, prevind, repeat, replace, replace!, repr, reverseind, rpad, rsplit, rstrip, split, string
export strip, textwidth, thisind, titlecase, transcode, unescape_string, uppercase, uppercasefirst, IOContext, displaysize
export dump, print, println, printstyled, show, showerror, sprint, summary, precision, rounding, setprecision, setrounding
export get_zero_subnormals, set_zero_subnormals, iterate, enumerate, zip, only, copy, deepcopy, hash, identity, isbits
export isequal, ismutable, ismutabletype, isless, isunordered, ifelse, objectid, sizeof, Condition, current_task
export islocked, istaskdone, istaskstarted, istaskfailed, lock, notify, ReentrantLock, schedule, task_local_storage
export trylock, unlock, yield, yieldto, wait, timedwait, asyncmap, asyncmap!, errormonitor, take!, put!, isready
export fetch, bind, coalesce, ismissing, skipmissing, something, isnothing, nonmissingtype, sleep, time, time_ns
export backtrace, catch_backtrace, current_exceptions, error, rethrow, retry, systemerror, stacktrace, convert, getproperty
export setproperty!, swapproperty!, modifyproperty!, replaceproperty!, setpropertyonce!, fieldoffset, fieldname
export fieldnames, fieldcount, fieldtypes, hasfield, propertynames, hasproperty, isabstracttype, isbitstype, isprimitivetype
export isstructtype, isconcretetype, isdispatchtuple, oftype, promote, promote_rule, promote_type, instances, supertype
export typeintersect, typejoin, widen, esc, gensym, macroexpand, parse, code_typed, code_lowered, fullname, functionloc
export isconst, isinteractive, hasmethod, methods, nameof, parentmodule, pathof, pkgdir, pkgversion, names, which
export invokelatest, __precompile__, evalfile, include_string, include_dependency, finalizer, finalize, precompile
export atexit, atreplinit, exit, ntuple, splat, close, closewrite, countlines, eachline, eof, fd, fdio, flush, gethostname
export htol, hton, ismarked, isopen, isreadonly, ltoh, mark, bytesavailable, ntoh, open, peek, pipeline, Pipe, PipeBuffer
export position, RawFD, read, read!, readavailable, readbytes!, readchomp, readdir, readline, readlines, readuntil
export copyuntil, copyline, redirect_stdio, redirect_stderr, redirect_stdin, redirect_stdout, reset, seek, seekend
export seekstart, skip, skipchars, truncate, unmark, unsafe_read, unsafe_write, write, AbstractDisplay, display
export displayable, TextDisplay, istextmime, MIME, popdisplay, pushdisplay, redisplay, showable, HTML, Text, abspath
export basename, dirname, expanduser, contractuser, homedir, isabspath, isdirpath, joinpath, normpath, realpath
export relpath, splitdir, splitdrive, splitext, splitpath, cd, chmod, chown, cp, ctime, diskstat, download, filemode
export filesize, gperm, hardlink, isblockdev, ischardev, isdir, isfifo, isfile, islink, ismount, ispath, isreadable
export issetgid, issetuid, issocket, issticky, iswritable, lstat, mkdir, mkpath, mktemp, mktempdir, mtime, mv, operm
export pwd, readlink, rm, samefile, stat, symlink, tempdir, tempname, touch, uperm, walkdir, detach, getpid, ignorestatus
export kill, process_exited, process_running, run, setenv, addenv, setcpuaffinity, success, withenv, cglobal, disable_sigint
export pointer, pointer_from_objref, unsafe_wrap, unsafe_string, reenable_sigint, unsafe_copyto!, unsafe_load, unsafe_modify!
export unsafe_pointer_to_objref, unsafe_replace!, unsafe_store!, unsafe_swap!, rand, randn
export sortslices, isimmutable
export Meta, StackTraces, Libc, Docs, Threads, Iterators, Broadcast, GC   # submodules (declared by `module Base.X` sections)
# note: Base also exports Core's Array, Pair, NTuple, <: (already visible), the modules Sys and MathConstants (not declared here),
# the values InsertionSort, MergeSort, QuickSort, RoundFromZero, RoundDown, RoundNearest, RoundNearestTiesAway, RoundNearestTiesUp, RoundToZero, RoundUp, ARGS, C_NULL, DEPOT_PATH, ENDIAN_BOM, ENV, LOAD_PATH, PROGRAM_FILE, stderr, stdin, stdout, VERSION, devnull, Inf, Inf16, Inf32, Inf64, NaN, NaN16, NaN32, NaN64, im, π, pi, ℯ, :, missing
# and the macros @evalpoly @time @show @assert @view @views @inbounds @inline @kwdef @enum @eval @async @sync ... (not declared)

module LinearAlgebra
# stdlib/LinearAlgebra/src (Julia 1.11): LinearAlgebra.jl, adjtrans.jl, triangular.jl, symmetric.jl, diagonal.jl,
# bidiag.jl, tridiag.jl, uniformscaling.jl, factorization.jl, lu.jl, qr.jl, cholesky.jl, eigen.jl, svd.jl, ...
abstract type Factorization{T} end
struct Adjoint{T,S} <: AbstractMatrix{T} end
struct Transpose{T,S} <: AbstractMatrix{T} end
const AdjOrTrans{T,S} = Union{Adjoint{T,S},Transpose{T,S}} where {T,S}
const AdjointAbsVec{T,V<:AbstractVector} = Adjoint{T,V}
const TransposeAbsVec{T,V<:AbstractVector} = Transpose{T,V}
const AdjOrTransAbsVec{T,V<:AbstractVector} = AdjOrTrans{T,V}
const AdjointAbsMat{T,M<:AbstractMatrix} = Adjoint{T,M}
const TransposeAbsMat{T,M<:AbstractMatrix} = Transpose{T,M}
const AdjOrTransAbsMat{T,M<:AbstractMatrix} = AdjOrTrans{T,M}
const StridedMaybeAdjOrTransMat{T} = Union{StridedMatrix{T},Adjoint{<:Any,<:StridedMatrix{T}},Transpose{<:Any,<:StridedMatrix{T}}}
abstract type AbstractTriangular{T} <: AbstractMatrix{T} end
struct LowerTriangular{T,S<:AbstractMatrix{T}} <: AbstractTriangular{T} end
struct UnitLowerTriangular{T,S<:AbstractMatrix{T}} <: AbstractTriangular{T} end
struct UpperTriangular{T,S<:AbstractMatrix{T}} <: AbstractTriangular{T} end
struct UnitUpperTriangular{T,S<:AbstractMatrix{T}} <: AbstractTriangular{T} end
const UpperOrUnitUpperTriangular{T,S} = Union{UpperTriangular{T,S},UnitUpperTriangular{T,S}}
const LowerOrUnitLowerTriangular{T,S} = Union{LowerTriangular{T,S},UnitLowerTriangular{T,S}}
const UpperOrLowerTriangular{T,S} = Union{UpperOrUnitUpperTriangular{T,S},LowerOrUnitLowerTriangular{T,S}}
struct Symmetric{T,S<:AbstractMatrix{<:T}} <: AbstractMatrix{T} end
struct Hermitian{T,S<:AbstractMatrix{<:T}} <: AbstractMatrix{T} end
const HermOrSym{T,S} = Union{Hermitian{T,S},Symmetric{T,S}}
const RealHermSym{T<:Real,S} = Union{Hermitian{T,S},Symmetric{T,S}}
const RealHermSymComplexHerm{T<:Real,S} = Union{Hermitian{T,S},Symmetric{T,S},Hermitian{Complex{T},S}}
const RealHermSymComplexSym{T<:Real,S} = Union{Hermitian{T,S},Symmetric{T,S},Symmetric{Complex{T},S}}
struct Diagonal{T,V<:AbstractVector{T}} <: AbstractMatrix{T} end
struct Bidiagonal{T,V<:AbstractVector{T}} <: AbstractMatrix{T} end
struct SymTridiagonal{T,V<:AbstractVector{T}} <: AbstractMatrix{T} end
struct Tridiagonal{T,V<:AbstractVector{T}} <: AbstractMatrix{T} end
struct UpperHessenberg{T,S<:AbstractMatrix{T}} <: AbstractMatrix{T} end
struct UniformScaling{T<:Number} end
struct MulAddMul{ais1,bis0,TA,TB} end
abstract type AbstractQ{T} end
struct LU{T,S<:AbstractMatrix{T},P<:AbstractVector{<:Integer}} <: Factorization{T} end
struct QR{T,S<:AbstractMatrix{T},C<:AbstractVector{T}} <: Factorization{T} end
struct QRCompactWY{S,M<:AbstractMatrix{S},C<:AbstractMatrix{S}} <: Factorization{S} end
struct QRPivoted{T,S<:AbstractMatrix{T},C<:AbstractVector{T},P<:AbstractVector{<:Integer}} <: Factorization{T} end
struct QRPackedQ{T,S<:AbstractMatrix{T},C<:AbstractVector{T}} <: AbstractQ{T} end
struct QRCompactWYQ{S,M<:AbstractMatrix{S},C<:AbstractMatrix{S}} <: AbstractQ{S} end
struct LQ{T,S<:AbstractMatrix{T},C<:AbstractVector{T}} <: Factorization{T} end
struct LQPackedQ{T,S<:AbstractMatrix{T},C<:AbstractVector{T}} <: AbstractQ{T} end
struct Cholesky{T,S<:AbstractMatrix} <: Factorization{T} end
struct CholeskyPivoted{T,S<:AbstractMatrix,P<:AbstractVector{<:Integer}} <: Factorization{T} end
struct Eigen{T,V,S<:AbstractMatrix,U<:AbstractVector} <: Factorization{T} end
struct GeneralizedEigen{T,V,S<:AbstractMatrix,U<:AbstractVector} <: Factorization{T} end
struct SVD{T,Tr,M<:AbstractArray{T},C<:AbstractVector{Tr}} <: Factorization{T} end
struct GeneralizedSVD{T,S<:AbstractMatrix,Tr<:Real} <: Factorization{T} end
struct Schur{Ty,S<:AbstractMatrix,C<:AbstractVector} <: Factorization{Ty} end
struct GeneralizedSchur{Ty,M<:AbstractMatrix,A<:AbstractVector,B<:AbstractVector{Ty}} <: Factorization{Ty} end
struct Hessenberg{T,SH<:AbstractMatrix,S<:UpperHessenberg,W<:AbstractVector,V<:Number} <: Factorization{T} end
struct HessenbergQ{T,S<:AbstractMatrix,W<:AbstractVector,sym} <: AbstractQ{T} end
struct BunchKaufman{T,S<:AbstractMatrix,P<:AbstractVector{<:Integer}} <: Factorization{T} end
struct LDLt{T,S<:AbstractMatrix{T}} <: Factorization{T} end
struct SingularException <: Exception end
struct PosDefException <: Exception end
struct RankDeficientException <: Exception end
struct ZeroPivotException <: Exception end
struct LAPACKException <: Exception end
abstract type PivotingStrategy end
struct NoPivot <: PivotingStrategy end
struct RowNonZero <: PivotingStrategy end
struct RowMaximum <: PivotingStrategy end
struct ColumnNorm <: PivotingStrategy end
abstract type Algorithm end
struct DivideAndConquer <: Algorithm end
struct QRIteration <: Algorithm end
struct Givens{T} end
struct Rotation{T} end
const BlasFloat = Union{Float64,Float32,ComplexF64,ComplexF32}
const BlasReal = Union{Float64,Float32}
const BlasComplex = Union{ComplexF64,ComplexF32}
const BlasInt = Int64                                # note: Int32 with a 32-bit-integer BLAS (USE_BLAS64 false)
function axpy! end
function axpby! end
function bunchkaufman end
function bunchkaufman! end
function cholesky end
function cholesky! end
function cond end
function condskeel end
function copy_transpose! end
function copy_adjoint! end
function copytrito! end
function cross end
function adjoint! end
function det end
function diag end
function diagind end
function diagm end
function dot end
function eigen end
function eigen! end
function eigmax end
function eigmin end
function eigvals end
function eigvals! end
function eigvecs end
function factorize end
function givens end
function hermitianpart end
function hermitianpart! end
function hessenberg end
function hessenberg! end
function isbanded end
function isdiag end
function ishermitian end
function isposdef end
function isposdef! end
function issuccess end
function issymmetric end
function istril end
function istriu end
function ldiv! end
function ldlt! end
function ldlt end
function logabsdet end
function logdet end
function lowrankdowndate end
function lowrankdowndate! end
function lowrankupdate end
function lowrankupdate! end
function lu end
function lu! end
function lyap end
function mul! end
function lmul! end
function rmul! end
function norm end
function normalize end
function normalize! end
function nullspace end
function ordschur! end
function ordschur end
function pinv end
function qr end
function qr! end
function lq end
function lq! end
function opnorm end
function rank end
function rdiv! end
function reflect! end
function rotate! end
function schur end
function schur! end
function svd end
function svd! end
function svdvals! end
function svdvals end
function sylvester end
function tr end
function transpose! end
function tril end
function triu end
function tril! end
function triu! end
function checksquare end
function copytri! end
function _chol! end
function hermitian end
function hermitian_type end
function symmetric end
function symmetric_type end
function norm_sqr end
function norm1 end
function norm2 end
function normInf end
function normp end
function generic_norm2 end
function reflector! end
function reflectorApply! end
function chkstride1 end
function stride1 end
function char_uplo end
function peakflops end
function generic_matmatmul! end
function generic_matvecmul! end
function matprod end
function wrap end
function fillstored! end
const ⋅ = dot
const × = cross
const adjoint = Base.adjoint                     # note: `import Base: adjoint, transpose, kron, kron!, copyto!` (LinearAlgebra extends and re-exports them)
const transpose = Base.transpose
const kron = Base.kron
const kron! = Base.kron!
const copyto! = Base.copyto!
const conj = Base.conj                           # note: imported from Base (`import Base: ... conj ...`), so LinearAlgebra.conj names Base.conj
export Adjoint, Transpose, SymTridiagonal, Tridiagonal, Bidiagonal, Factorization, BunchKaufman, Cholesky, CholeskyPivoted
export ColumnNorm, Eigen, GeneralizedEigen, GeneralizedSVD, GeneralizedSchur, Hessenberg, LU, LDLt, NoPivot, RowNonZero, QR, QRPivoted
export LQ, Schur, SVD, Hermitian, RowMaximum, Symmetric, LowerTriangular, UpperTriangular, UnitLowerTriangular, UnitUpperTriangular
export UpperHessenberg, Diagonal, UniformScaling
export axpy!, axpby!, bunchkaufman, bunchkaufman!, cholesky, cholesky!, cond, condskeel, copyto!, copytrito!, copy_transpose!, copy_adjoint!
export cross, adjoint, adjoint!, det, diag, diagind, diagm, dot, eigen, eigen!, eigmax, eigmin, eigvals, eigvals!, eigvecs
export factorize, givens, hermitianpart, hermitianpart!, hessenberg, hessenberg!, isbanded, isdiag, ishermitian, isposdef, isposdef!
export issuccess, issymmetric, istril, istriu, kron, kron!, ldiv!, ldlt!, ldlt, logabsdet, logdet, lowrankdowndate, lowrankdowndate!
export lowrankupdate, lowrankupdate!, lu, lu!, lyap, mul!, lmul!, rmul!, norm, normalize, normalize!, nullspace, ordschur!, ordschur
export pinv, qr, qr!, lq, lq!, opnorm, rank, rdiv!, reflect!, rotate!, schur, schur!, svd, svd!, svdvals!, svdvals, sylvester
export tr, transpose, transpose!, tril, triu, tril!, triu!, ⋅, ×
# note: LinearAlgebra also re-exports Base's \ and / (imported from Base; not re-declared here)
export BLAS, LAPACK                                  # submodules (declared by `module LinearAlgebra.X` sections)
# note: LinearAlgebra also exports the value I (= UniformScaling(true)), not declared here
# internal types and aliases the methods of LinearAlgebra name (JuliaLang/julia aecd8fd, stdlib/LinearAlgebra/src)
struct StructuredMatrixStyle{T} <: Base.Broadcast.AbstractArrayStyle{2} end   # structuredbroadcast.jl:7
const StructuredMatrix = Union{Diagonal,Bidiagonal,SymTridiagonal,Tridiagonal,LowerTriangular,UnitLowerTriangular,UpperTriangular,UnitUpperTriangular}   # structuredbroadcast.jl:11
struct AdjointQ{T,S<:AbstractQ{T}} <: AbstractQ{T} end   # abstractq.jl:5
struct AdjointFactorization{T,S<:Factorization} <: Factorization{T} end   # factorization.jl:21
struct TransposeFactorization{T,S<:Factorization} <: Factorization{T} end   # factorization.jl:34
abstract type AbstractRotation{T} end   # givens.jl:5
struct AdjointRotation{T,S<:AbstractRotation{T}} <: AbstractRotation{T} end   # givens.jl:6
const BandedMatrix = Union{Bidiagonal,Diagonal,Tridiagonal,SymTridiagonal}   # bidiag.jl:428
const BiTriSym = Union{Bidiagonal,Tridiagonal,SymTridiagonal}   # bidiag.jl:429
const TriSym = Union{Tridiagonal,SymTridiagonal}   # bidiag.jl:430
const RealOrComplex = Union{Real,Complex}   # matmul.jl:1054
const ConvertibleSpecialMatrix = Union{Diagonal,Bidiagonal,SymTridiagonal,Tridiagonal,AbstractTriangular}   # special.jl:55
const DenseLike{T} = Union{DenseArray{T},Base.StridedReshapedArray{T},Base.StridedReinterpretArray{T}}   # generic.jl:1521 (note: a non-const global there)
const StridedVecLike{T} = Union{DenseLike{T},Base.FastSubArray{T,<:Any,<:DenseLike{T}}}   # generic.jl:1522 (note: a non-const global there)
const ClosedReal = Union{AbstractFloat,Rational}   # bunchkaufman.jl:11 (note: a non-const global there, written `T where T <: Union{AbstractFloat, Rational}`: the same type)
const ClosedScalar{T<:ClosedReal} = Union{T,Complex{T}}   # bunchkaufman.jl:13 (note: a non-const global there, written `Union{T, Complex{T}} where T <: ClosedReal`)

module LinearAlgebra.BLAS
# stdlib/LinearAlgebra/src/blas.jl
function set_num_threads end
function get_num_threads end
function dot end
function dotc end
function dotu end
function nrm2 end
function asum end
function axpy! end
function axpby! end
function scal! end
function scal end
function blascopy! end
function rot! end
function iamax end
function gemv! end
function gemv end
function gbmv! end
function gbmv end
function hemv! end
function hemv end
function symv! end
function symv end
function sbmv! end
function sbmv end
function trmv! end
function trmv end
function trsv! end
function trsv end
function ger! end
function geru! end
function her! end
function syr! end
function spr! end
function gemm! end
function gemm end
function symm! end
function symm end
function hemm! end
function hemm end
function syrk! end
function syrk end
function herk! end
function herk end
function syr2k! end
function syr2k end
function her2k! end
function her2k end
function trmm! end
function trmm end
function trsm! end
function trsm end
function vendor end
export asum, axpby!, axpy!, blascopy!, dot, dotc, dotu, rot!, scal!, scal, nrm2, iamax, gbmv!, gbmv, gemv!, gemv, hemv!, hemv
export sbmv!, sbmv, symv!, symv, trsv!, trsv, trmv!, trmv, ger!, geru!, her!, syr!, spr!, gemm!, gemm, symm!, symm, hemm!, hemm
export syrk!, syrk, herk!, herk, syr2k!, syr2k, her2k!, her2k, trmm!, trmm, trsm!, trsm

module LinearAlgebra.LAPACK
# stdlib/LinearAlgebra/src/lapack.jl (a few of its wrappers)
function geqrf! end
function gelqf! end
function geqp3! end
function getrf! end
function getrs! end
function getri! end
function gesv! end
function gesvd! end
function gesdd! end
function geev! end
function syev! end
function syevr! end
function potrf! end
function potrs! end
function potri! end
function pstrf! end
function trtrs! end
function trtri! end
function trsyl! end
function ormqr! end
function orgqr! end
function gees! end
function gels! end
function gelsd! end
function gelsy! end
function sytrf! end
function hetrf! end
function stev! end
function stein! end
function gebal! end
function gebak! end
function chklapackerror end

module Random
# stdlib/Random/src (Random.jl, RNGs.jl, Xoshiro.jl, generation.jl, normal.jl, misc.jl)
abstract type AbstractRNG end
mutable struct MersenneTwister <: AbstractRNG end
mutable struct Xoshiro <: AbstractRNG end
struct TaskLocalRNG <: AbstractRNG end
struct RandomDevice <: AbstractRNG end
abstract type Sampler{E} end
struct SamplerType{T} <: Sampler{T} end
struct SamplerTrivial{T,E} <: Sampler{E} end
struct SamplerSimple{T,S,E} <: Sampler{E} end
struct SamplerTag{T,S,E} <: Sampler{E} end
abstract type FloatInterval{T<:AbstractFloat} end
struct CloseOpen01{T<:AbstractFloat} <: FloatInterval{T} end
struct CloseOpen12{T<:AbstractFloat} <: FloatInterval{T} end
const rand = Base.rand                               # note: Random extends Base.rand / Base.randn (`import Base: rand, randn`)
const randn = Base.randn
function rand! end
function randn! end
function randexp end
function randexp! end
function bitrand end
function randstring end
function randsubseq end
function randsubseq! end
function shuffle end
function shuffle! end
function randperm end
function randperm! end
function randcycle end
function randcycle! end
function seed! end
function default_rng end
function gentype end
function rng_native_52 end
export rand!, randn!, randexp, randexp!, bitrand, randstring, randsubseq, randsubseq!, shuffle, shuffle!
export randperm, randperm!, randcycle, randcycle!, AbstractRNG, MersenneTwister, RandomDevice, TaskLocalRNG, Xoshiro
# internal types and aliases the methods of Random name (JuliaLang/julia aecd8fd, stdlib/Random/src)
abstract type UniformBits{T<:Base.BitInteger} end   # Random.jl:52
struct UInt10{T} <: UniformBits{T} end   # Random.jl:54
struct UInt10Raw{T} <: UniformBits{T} end   # Random.jl:55
struct UInt23{T} <: UniformBits{T} end   # Random.jl:57
struct UInt23Raw{T} <: UniformBits{T} end   # Random.jl:58
struct UInt52{T} <: UniformBits{T} end   # Random.jl:60
struct UInt52Raw{T} <: UniformBits{T} end   # Random.jl:61
struct UInt104{T} <: UniformBits{T} end   # Random.jl:63
struct UInt104Raw{T} <: UniformBits{T} end   # Random.jl:64
struct UInt2x52{T} <: UniformBits{T} end   # Random.jl:66
struct UInt2x52Raw{T} <: UniformBits{T} end   # Random.jl:67
const FloatInterval_64 = FloatInterval{Float64}   # Random.jl:93
const CloseOpen01_64 = CloseOpen01{Float64}   # Random.jl:94
const CloseOpen12_64 = CloseOpen12{Float64}   # Random.jl:95
const BitFloatType = Union{Type{Float16},Type{Float32},Type{Float64}}   # Random.jl:102
struct LessThan{T<:Integer,S} <: Sampler{T} end   # Random.jl:217
struct Masked{T<:Integer,S} <: Sampler{T} end   # Random.jl:229
struct UniformT{T} <: Sampler{T} end   # Random.jl:238
struct UnsafeView{T} <: DenseArray{T,1} end   # RNGs.jl:511
struct SamplerBigFloat{I<:FloatInterval{BigFloat}} <: Sampler{BigFloat} end   # generation.jl:42
struct SamplerRangeFast{U<:Base.BitUnsigned,T<:Base.BitInteger} <: Sampler{T} end   # generation.jl:234
struct SamplerRangeInt{T<:Integer,U<:Unsigned} <: Sampler{T} end   # generation.jl:307
struct SamplerRangeNDL{U<:Unsigned,T} <: Sampler{T} end   # generation.jl:359

module Random.DSFMT
# stdlib/Random/src/DSFMT.jl (JuliaLang/julia aecd8fd)
struct DSFMT_state end   # DSFMT.jl:26
struct GF2X end   # DSFMT.jl:104

module Statistics
# the Statistics standard library (JuliaStats/Statistics.jl 1.11, shipped with Julia 1.11)
function cor end
function cov end
function std end
function stdm end
function var end
function varm end
function mean! end
function mean end
function median! end
function median end
function middle end
function quantile! end
function quantile end
function _mean end
function _var end
function _std end
function _quantile end
function centralize_sumabs2 end
function centralize_sumabs2! end
function centralizedabs2fun end
function corm end
function corzm end
function covm end
function covzm end
function unscaled_covzm end
function clampcor end
function cov2cor! end
function range_varm end
export cor, cov, std, stdm, var, varm, mean!, mean, median!, median, middle, quantile!, quantile

module SparseArrays
# the SparseArrays standard library (JuliaSparse/SparseArrays.jl, release-1.11): abstractsparse.jl, sparsematrix.jl, sparsevector.jl
abstract type AbstractSparseArray{Tv,Ti,N} <: AbstractArray{Tv,N} end
const AbstractSparseVector{Tv,Ti} = AbstractSparseArray{Tv,Ti,1}
const AbstractSparseMatrix{Tv,Ti} = AbstractSparseArray{Tv,Ti,2}
abstract type AbstractSparseMatrixCSC{Tv,Ti<:Integer} <: AbstractSparseMatrix{Tv,Ti} end
struct SparseMatrixCSC{Tv,Ti<:Integer} <: AbstractSparseMatrixCSC{Tv,Ti} end
struct FixedSparseCSC{Tv,Ti<:Integer} <: AbstractSparseMatrixCSC{Tv,Ti} end
abstract type AbstractCompressedVector{Tv,Ti} <: AbstractSparseVector{Tv,Ti} end
struct SparseVector{Tv,Ti<:Integer} <: AbstractCompressedVector{Tv,Ti} end
struct FixedSparseVector{Tv,Ti<:Integer} <: AbstractCompressedVector{Tv,Ti} end
const SparseMatrixCSCUnion{Tv,Ti} = Union{AbstractSparseMatrixCSC{Tv,Ti},FixedSparseCSC{Tv,Ti}}   # note: simplified; sparsematrix.jl also includes wrappers
function sparse end
function sparsevec end
function spzeros end
function spdiagm end
function sprand end
function sprandn end
function findnz end
function nnz end
function nonzeros end
function nzrange end
function rowvals end
function dropzeros end
function dropzeros! end
function droptol! end
function blockdiag end
function issparse end
function permute end
function fkeep! end
function ftranspose! end
function sparse_hcat end
function sparse_vcat end
function sparse_hvcat end
function getcolptr end
export AbstractSparseArray, AbstractSparseMatrix, AbstractSparseVector, SparseMatrixCSC, SparseVector
export blockdiag, droptol!, dropzeros!, dropzeros, issparse, nonzeros, nzrange, rowvals, sparse, sparsevec, spdiagm
export sprand, sprandn, spzeros, nnz, permute, findnz, fkeep!, ftranspose!, sparse_hcat, sparse_vcat, sparse_hvcat

module Dates
# stdlib/Dates/src/types.jl, periods.jl
abstract type AbstractTime end
abstract type Period <: AbstractTime end
abstract type DatePeriod <: Period end
abstract type TimePeriod <: Period end
struct Year <: DatePeriod end
struct Quarter <: DatePeriod end
struct Month <: DatePeriod end
struct Week <: DatePeriod end
struct Day <: DatePeriod end
struct Hour <: TimePeriod end
struct Minute <: TimePeriod end
struct Second <: TimePeriod end
struct Millisecond <: TimePeriod end
struct Microsecond <: TimePeriod end
struct Nanosecond <: TimePeriod end
abstract type Instant <: AbstractTime end
struct UTInstant{P<:Period} <: Instant end
abstract type Calendar <: AbstractTime end
struct ISOCalendar <: Calendar end
abstract type TimeZone end
struct UTC <: TimeZone end
abstract type TimeType <: AbstractTime end
abstract type AbstractDateTime <: TimeType end
struct DateTime <: AbstractDateTime end
struct Date <: TimeType end
struct Time <: TimeType end
struct CompoundPeriod <: AbstractTime end
abstract type AbstractDateToken end
struct DateFormat{S,T<:Tuple} end
function now end
function today end
function unix2datetime end
function datetime2unix end
function year end
function month end
function week end
function day end
function hour end
function minute end
function second end
function millisecond end
function microsecond end
function nanosecond end
function dayofweek end
function dayofmonth end
function dayofyear end
function daysinmonth end
function isleapyear end
function firstdayofmonth end
function lastdayofmonth end
function canonicalize end
function value end
export Period, DatePeriod, TimePeriod, Year, Quarter, Month, Week, Day, Hour, Minute, Second, Millisecond, Microsecond, Nanosecond
export TimeZone, UTC, TimeType, AbstractDateTime, DateTime, Date, Time, CompoundPeriod, DateFormat
export now, today, unix2datetime, datetime2unix, year, month, week, day, hour, minute, second, millisecond, microsecond, nanosecond
export dayofweek, dayofmonth, dayofyear, daysinmonth, isleapyear, firstdayofmonth, lastdayofmonth, canonicalize
# internal types and aliases the methods of Dates name (JuliaLang/julia aecd8fd, stdlib/Dates/src)
primitive type AMPM <: Enum{Int32} 32 end   # types.jl:228 (note: `@enum AMPM AM PM TWENTYFOURHOUR`)
const GeneralPeriod = Union{Period,CompoundPeriod}   # periods.jl:342 (note: a non-const global there)
const FixedPeriod = Union{Week,Day,Hour,Minute,Second,Millisecond,Microsecond,Nanosecond}   # periods.jl:374
const OtherPeriod = Union{Month,Quarter,Year}   # periods.jl:416
const ConvertiblePeriod = Union{TimePeriod,Week,Day}   # rounding.jl:10
const TimeTypeOrPeriod = Union{TimeType,ConvertiblePeriod}   # rounding.jl:11
struct DateLocale end   # query.jl:5
struct DatePart{letter} <: AbstractDateToken end   # io.jl:92
struct Delim{T,length} <: AbstractDateToken end   # io.jl:218

module Printf
# stdlib/Printf/src/Printf.jl
struct Spec{T} end
struct Format{S,T} end
function format end
function tofloat end
# note: Printf exports only the macros @printf and @sprintf

module Test
# stdlib/Test/src/Test.jl
abstract type Result end
struct Pass <: Result end
struct Fail <: Result end
struct Error <: Result end
struct Broken <: Result end
abstract type AbstractTestSet end
mutable struct DefaultTestSet <: AbstractTestSet end
struct FallbackTestSet <: AbstractTestSet end
struct TestSetException <: Exception end
struct GenericString <: AbstractString end
struct GenericSet{T} <: AbstractSet{T} end
struct GenericDict{K,V} <: AbstractDict{K,V} end
struct GenericArray{T,N} <: AbstractArray{T,N} end
struct GenericOrder{T} end
function record end
function finish end
function get_testset end
function get_testset_depth end
function detect_ambiguities end
function detect_unbound_args end
export detect_ambiguities, detect_unbound_args, GenericString, GenericSet, GenericDict, GenericArray, GenericOrder
export TestSetException, record, finish
# note: Test also exports the macros @test, @test_throws, @test_broken, @test_skip, @test_warn, @test_nowarn, @test_logs, @test_deprecated, @testset, @inferred
# internal types the methods of Test name (JuliaLang/julia aecd8fd, stdlib/Test/src)
abstract type ExecutionResult end   # Test.jl:336
struct FallbackTestSetException <: Exception end   # Test.jl:1009
struct ContextTestSet <: AbstractTestSet end   # Test.jl:1035
struct LogRecord end   # logging.jl:21
struct Ignored end   # logging.jl:33
mutable struct TestLogger <: Base.CoreLogging.AbstractLogger end   # logging.jl:37
struct LogTestFailure <: Result end   # logging.jl:123

module Serialization
# stdlib/Serialization/src/Serialization.jl
abstract type AbstractSerializer end
mutable struct Serializer{I<:IO} <: AbstractSerializer end
function serialize end
function deserialize end
export serialize, deserialize, AbstractSerializer, Serializer

module Markdown
# stdlib/Markdown/src/Markdown.jl, parse/parse.jl
mutable struct MD end
function parse end
function html end
function latex end
function plain end
function term end
# note: Markdown exports the macros @md_str and @doc_str

module Logging
# stdlib/Logging/src/Logging.jl (re-exports Base.CoreLogging's names)
const AbstractLogger = Base.CoreLogging.AbstractLogger
const LogLevel = Base.CoreLogging.LogLevel
const NullLogger = Base.CoreLogging.NullLogger
const SimpleLogger = Base.CoreLogging.SimpleLogger
struct ConsoleLogger <: AbstractLogger end
const with_logger = Base.CoreLogging.with_logger
const current_logger = Base.CoreLogging.current_logger
const global_logger = Base.CoreLogging.global_logger
const disable_logging = Base.CoreLogging.disable_logging
const handle_message = Base.CoreLogging.handle_message
const shouldlog = Base.CoreLogging.shouldlog
const min_enabled_level = Base.CoreLogging.min_enabled_level
const catch_exceptions = Base.CoreLogging.catch_exceptions
export AbstractLogger, LogLevel, NullLogger, with_logger, current_logger, global_logger, disable_logging, SimpleLogger, ConsoleLogger
# note: Logging also exports the macros @debug @info @warn @error @logmsg and the LogLevel values BelowMinLevel, Debug, Info, Warn, Error, AboveMaxLevel

module UUIDs
# stdlib/UUIDs/src/UUIDs.jl
const UUID = Base.UUID
const AbstractRNG = Random.AbstractRNG   # note: `using Random` (UUIDs.jl:9; the methods name it)
function uuid1 end
function uuid4 end
function uuid5 end
function uuid_version end
export UUID, uuid1, uuid4, uuid5, uuid_version

module Unicode
# stdlib/Unicode/src/Unicode.jl
function normalize end
function graphemes end
function isequal_normalized end
function julia_chartransform end
export graphemes, isequal_normalized
function isassigned end   # Unicode.jl:138: Unicode's own (not imported from Base; `isassigned(c) = Base.Unicode.isassigned(c)`)

module InteractiveUtils
# stdlib/InteractiveUtils/src/InteractiveUtils.jl
function apropos end
function edit end
function less end
function code_warntype end
function code_llvm end
function code_native end
function methodswith end
function varinfo end
function versioninfo end
function subtypes end
function supertypes end
function clipboard end
export apropos, edit, less, code_warntype, code_llvm, code_native, methodswith, varinfo, versioninfo, subtypes, supertypes, clipboard
# note: InteractiveUtils also exports the macros @which @edit @less @functionloc @code_warntype @code_typed @code_lowered @code_llvm @code_native @time_imports

module Mmap
# stdlib/Mmap/src/Mmap.jl
mutable struct Anonymous <: IO end
function mmap end
function sync! end

module Sockets
# stdlib/Sockets/src (Sockets.jl, IPAddr.jl)
abstract type IPAddr end
struct IPv4 <: IPAddr end
struct IPv6 <: IPAddr end
mutable struct TCPSocket <: Base.LibuvStream end
mutable struct TCPServer <: Base.LibuvServer end
mutable struct UDPSocket <: Base.LibuvStream end
function accept end
function connect end
function getaddrinfo end
function getalladdrinfo end
function getnameinfo end
function getipaddr end
function getipaddrs end
function getpeername end
function getsockname end
function listen end
function listenany end
function recv end
function recvfrom end
function send end
export accept, connect, getaddrinfo, getalladdrinfo, getnameinfo, getipaddr, getipaddrs, getpeername, getsockname
export listen, listenany, recv, recvfrom, send, TCPSocket, UDPSocket, IPv4, IPv6

module Distributed
# stdlib/Distributed/src (cluster.jl, remotecall.jl, workerpool.jl, pmap.jl, managers.jl)
abstract type AbstractRemoteRef end
mutable struct Future <: AbstractRemoteRef end
mutable struct RemoteChannel{T<:AbstractChannel} <: AbstractRemoteRef end
abstract type AbstractWorkerPool end
mutable struct WorkerPool <: AbstractWorkerPool end
mutable struct CachingPool <: AbstractWorkerPool end
abstract type ClusterManager end
struct LocalManager <: ClusterManager end
struct SSHManager <: ClusterManager end
mutable struct WorkerConfig end
struct ProcessExitedException <: Exception end
struct RemoteException <: Exception end
function addprocs end
function rmprocs end
function nprocs end
function nworkers end
function procs end
function workers end
function myid end
function interrupt end
function pmap end
function remotecall end
function remotecall_fetch end
function remotecall_wait end
function remote_do end
function remote end
function default_worker_pool end
function init_worker end
function launch end
function manage end
export addprocs, rmprocs, nprocs, nworkers, procs, workers, myid, interrupt, pmap, remotecall, remotecall_fetch
export remotecall_wait, remote_do, remote, default_worker_pool, init_worker, launch, manage
export AbstractWorkerPool, WorkerPool, CachingPool, ClusterManager, WorkerConfig, Future, RemoteChannel, ProcessExitedException, RemoteException
