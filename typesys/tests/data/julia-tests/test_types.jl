# Types that Julia's test files (test/subtype.jl, test/specificity.jl) declare for themselves,
# as those files declare them (see types.txt, rows "defined in test/..."), in the declaration
# syntax of typesys/builtin/README.md. The test files write the aliases without `const`.
# Read it after typesys/builtin/julia-1.11.jl: Core and Base names are visible here, and so are
# Hermitian and Symmetric (test/subtype.jl uses LinearAlgebra's), written qualified below.

module Main
# --- test/subtype.jl
abstract type IT4805_2{N, T} end                                                   # subtype.jl:714
abstract type AbstractThing{T,N} end                                               # subtype.jl:715
mutable struct ConcreteThing{T<:AbstractFloat,N} <: AbstractThing{T,N} end        # subtype.jl:716
mutable struct A11136 end                                                          # subtype.jl:718
mutable struct B11136 end                                                          # subtype.jl:719
abstract type Foo11367 end                                                         # subtype.jl:720
abstract type AbstractTriangular{T,S<:AbstractMatrix} <: AbstractMatrix{T} end     # subtype.jl:722 (shadows LinearAlgebra's)
struct UpperTriangular{T,S<:AbstractMatrix} <: AbstractTriangular{T,S} end         # subtype.jl:723
struct UnitUpperTriangular{T,S<:AbstractMatrix} <: AbstractTriangular{T,S} end     # subtype.jl:724
struct SIQ20671{T<:Number,m,kg,s,A,K,mol,cd,rad,sr} <: Number end                  # subtype.jl:726
mutable struct TwoParams{S,T} end                                                  # subtype.jl:1146
abstract type A20992{T,D,d} end                                                    # subtype.jl:1328
abstract type B20992{SV,T,D,d} <: A20992{T,D,d} end                                # subtype.jl:1329
struct C20992{S,n,T,D,d} <: B20992{NTuple{n,S},T,D,d} end                          # subtype.jl:1330
abstract type A21613{S <: Tuple} end                                               # subtype.jl:1365
struct B21613{S <: Tuple, L} <: A21613{S} end                                      # subtype.jl:1366
struct A23764{T, N, S} <: AbstractArray{Union{T, S}, N} end                        # subtype.jl:1433
struct A23764_2{T, N, S} <: AbstractArray{Union{Ref{T}, S}, N} end                 # subtype.jl:1435
abstract type Foo24748{T1,T2,T3} end                                               # subtype.jl:1507
struct M29955{T, TV<:AbstractVector{T}} end                                        # subtype.jl:1597
struct A29955{T, TV<:AbstractVector{T}, TModel<:M29955{T,TV}} end                  # subtype.jl:1603
const CovType{T} = Union{AbstractArray{T,2}, Vector{UpperTriangular{T,Matrix{T}}}} # subtype.jl:1683
struct SA{N,L} end                                                                 # subtype.jl:1728
struct S32488{S <: Tuple, T, N, L} end                                             # subtype.jl:1827
struct Str{C} <: AbstractString end                                                # subtype.jl:1835
struct CSE{X} end                                                                  # subtype.jl:1837
const UTF16CSE = CSE{1}                                                            # subtype.jl:1839
const UTF16Str = Str{UTF16CSE}                                                     # subtype.jl:1840
const ASCIIStr = Str{CSE{2}}                                                       # subtype.jl:1841
struct F36869{T, V} <: AbstractArray{Union{T, V}, 1} end                           # subtype.jl:1890
struct AlmostLU{T, S<:AbstractMatrix{T}} end                                       # subtype.jl:1903
struct S40{_A, _B, _C, _D, _E, _F, _G, _H, _I, _J, _K, _L, _M, _N, _O, _P, _Q, _R, _S, _T, _U, _V, _W, _X, _Y, _Z, _Z1, _Z2, _Z3, _Z4, _Z5, _Z6, _Z7, _Z8, _Z9, _Z10, _Z11, _Z12, _Z13, _Z14} end   # subtype.jl:2076
struct X43082{A, I, B<:Union{Ref{I},I}} end                                        # subtype.jl:2129
const T46735{B<:Real} = Pair{<:Union{B, Val{<:B}}, <:Union{AbstractMatrix{B}, AbstractMatrix{Vector{B}}}}                        # subtype.jl:2289
const S46735{B<:Val, M<:AbstractMatrix} = Tuple{<:Union{B, <:Val{<:B}},M,<:(Union{AbstractMatrix{B}, AbstractMatrix{<:Vector{<:B}}})}   # subtype.jl:2292
const A46735{B<:Val, M<:AbstractMatrix} = Tuple{<:Union{B, <:Val{<:B}},M,Union{AbstractMatrix{B}, AbstractMatrix{<:Vector{<:B}}}}      # subtype.jl:2295
abstract type C38497{e,g<:Tuple,i} end                                             # subtype.jl:2305
struct Q38497{o,e<:NTuple{o},g} <: C38497{e,g,Array{o}} end                        # subtype.jl:2306
abstract type X38497{T<:Number} end                                                # subtype.jl:2311
abstract type Y38497{T>:Integer} <: X38497{T} end                                  # subtype.jl:2312
struct Z38497{T>:Int} <: Y38497{T} end                                             # subtype.jl:2313
const T46784{B<:Val, M<:AbstractMatrix} = Tuple{<:Union{B, <:Val{<:B}}, M, Union{AbstractMatrix{B}, AbstractMatrix{<:Vector{<:B}}}}   # subtype.jl:2323
struct T55206{A,B<:Complex{A},C<:Union{Dict{Nothing},Dict{A}}} end                 # subtype.jl:2402
const Vec47654{T} = Union{AbstractVector{T}, AbstractVector{Union{T,Nothing}}}      # subtype.jl:2440
struct Wrapper47654{T, V<:Vec47654{T}} end                                         # subtype.jl:2441
abstract type P47654{A} end                                                        # subtype.jl:2444
abstract type MyAbstract47877{C} end                                               # subtype.jl:2502
struct MyType47877{A,B} <: MyAbstract47877{A} end                                  # subtype.jl:2503
struct T53371{A,B,C,D,E} end                                                       # subtype.jl:2625
const S53371{A} = Union{Int, <:A}                                                  # subtype.jl:2626
const R53371{A} = Val{V} where V<:(T53371{B,C,D,E,F} where {B<:Val{A}, C<:S53371{B}, D<:S53371{B}, E<:S53371{B}, F<:S53371{B}})   # subtype.jl:2627
struct C54356{S,T<:Union{S,Complex{S}}} end                                        # subtype.jl:2642
# --- test/specificity.jl
abstract type Colorant22592{T,N} end                                               # specificity.jl:224
abstract type Color22592{T, N} <: Colorant22592{T,N} end                           # specificity.jl:225
abstract type AbstractRGB22592{T} <: Color22592{T,3} end                           # specificity.jl:226
const AbstractGray22592{T} = Color22592{T,1}                                       # specificity.jl:227
const MathTypes22592{T,C} = Union{AbstractRGB22592{T},AbstractGray22592{T}}        # specificity.jl:228
abstract type Domain{T} end                                                        # specificity.jl:273
abstract type AbstractInterval{T} <: Domain{T} end                                 # specificity.jl:275
struct Interval{L,R,T} <: AbstractInterval{T} end                                  # specificity.jl:277
abstract type SpecA end                                                            # specificity.jl:341
abstract type SpecB end                                                            # specificity.jl:342
