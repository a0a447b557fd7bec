# pcache built-in declarations: methods of Julia 1.11's Core and Base, as facts.
# Grammar: README.md beside this file ("Methods"). Each line cites its source.

module Base
function +(::T, ::T) where T<:BitInteger end                      # base/int.jl: (+)(x::T, y::T) where {T<:BitInteger} = add_int(x, y)
function +(::Float64, ::Float64) end                              # base/float.jl: +(x::T, y::T) where {T<:IEEEFloat} (expanded)
function +(::Number, ::Number) end                                # base/promotion.jl: +(x::Number, y::Number) = +(promote(x,y)...)
function +(::Number) end                                          # base/operators.jl: +(x::Number) = x
function getindex(::Array, ::Int...) end                          # base/array.jl (abridged): getindex(A::Array, i1::Int, I::Int...)
function convert(::Type{T}, ::T) where T<:Number end              # base/number.jl: convert(::Type{T}, x::T) where {T<:Number} = x
function convert(::Type{T}, ::Number) where T<:Number end         # base/number.jl: convert(::Type{T}, x::Number) where {T<:Number} = T(x)::T
function Float64(::Int64) end                                     # base/float.jl: (::Type{Float64})(x::Int64) (expanded from the @eval loop)
