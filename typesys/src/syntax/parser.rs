//! Recursive-descent parser of type texts, bounded in length and depth.
//!
//! Grammar (both source form and Julia's printed forms):
//!
//! ```text
//! text     = type EOF
//! type     = unary { "where" clause }
//! clause   = wvar | "{" wvar { "," wvar } "}"
//! wvar     = name | name "<:" unary | name ">:" unary | unary "<:" name "<:" unary
//! unary    = "<:" unary | ">:" unary | postfix
//! postfix  = atom { "{" [ type { "," type } ] "}" }
//! atom     = path | "typeof" "(" callable ")" | name STRING      (MIME"…")
//!          | "(" ")" | "(" type ")" | "(" type "," [ type { "," type } ] ")"
//!          | number | "-" number | CHAR | "true" | "false" | "nothing"
//!          | ":" name | ":" "(" op ")" | ":" op | "Symbol" "(" STRING ")"
//!          | INTTYPE "(" number ")" | "Float16" "(" number ")" | "Float32" "(" number ")"
//!          | "@NamedTuple" "{" [ field { ("," | ";") field } ] "}"
//! path     = name { "." segment }
//! callable = (name | op | ":") { "." segment }
//! segment  = name | ":" "(" op ")" | ":" op
//! ```

use super::ast::{Expr, ExprKind, FloatTy, IntTy, Literal, WhereVar};
use super::error::{ParseError, ParseErrorKind, MAX_DEPTH, MAX_TEXT_LEN};
use super::lexer::{lex, Tok, Token};

/// Parse a whole type text.
pub fn parse_type(src: &str) -> Result<Expr, ParseError> {
    if src.len() > MAX_TEXT_LEN {
        return Err(ParseError::new(
            0,
            ParseErrorKind::TooLong { len: src.len() },
        ));
    }
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        len: src.len(),
    };
    let e = p.ty()?;
    if let Some(t) = p.peek() {
        return Err(p.unexpected(t.clone(), "end of the type"));
    }
    Ok(e)
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_kind(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.kind)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.pos + k).map(|t| &t.kind)
    }

    fn next(&mut self, expected: &'static str) -> Result<Token, ParseError> {
        match self.toks.get(self.pos) {
            Some(t) => {
                self.pos += 1;
                Ok(t.clone())
            }
            None => Err(ParseError::new(
                self.len,
                ParseErrorKind::UnexpectedEnd { expected },
            )),
        }
    }

    fn offset(&self) -> usize {
        self.peek().map_or(self.len, |t| t.offset)
    }

    fn unexpected(&self, t: Token, expected: &'static str) -> ParseError {
        ParseError::new(
            t.offset,
            ParseErrorKind::Unexpected {
                found: describe(&t.kind),
                expected,
            },
        )
    }

    fn expect(&mut self, want: Tok, expected: &'static str) -> Result<Token, ParseError> {
        let t = self.next(expected)?;
        if t.kind == want {
            Ok(t)
        } else {
            Err(self.unexpected(t, expected))
        }
    }

    /// Items up to `close` (the opening bracket already read), separated by
    /// commas; a trailing comma is allowed, and with `allow_empty` so is no
    /// item at all (`Tuple{}`).
    fn comma_list<T>(
        &mut self,
        close: Tok,
        expected: &'static str,
        allow_empty: bool,
        mut item: impl FnMut(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        let mut items = Vec::new();
        if allow_empty && self.peek_kind() == Some(&close) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            let t = self.next(expected)?;
            match &t.kind {
                Tok::Comma if self.peek_kind() == Some(&close) => {
                    self.pos += 1;
                    return Ok(items);
                }
                Tok::Comma => {}
                k if *k == close => return Ok(items),
                _ => return Err(self.unexpected(t, expected)),
            }
        }
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek_kind(), Some(Tok::Op(o)) if o == op)
    }

    fn is_ident(&self, name: &str) -> bool {
        matches!(self.peek_kind(), Some(Tok::Ident(o)) if o == name)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(self.offset(), ParseErrorKind::TooDeep));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn ty(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.unary()?;
        while self.is_ident("where") {
            self.pos += 1;
            self.enter()?;
            let vars = if self.peek_kind() == Some(&Tok::LBrace) {
                self.pos += 1;
                self.comma_list(Tok::RBrace, "`,` or `}`", false, |p| p.wvar(true))?
            } else {
                vec![self.wvar(false)?]
            };
            self.leave();
            e = Expr {
                offset: e.offset,
                kind: ExprKind::Where {
                    body: Box::new(e),
                    vars,
                },
            };
        }
        Ok(e)
    }

    /// A `where` variable; `braced` allows `where` inside bounds.
    fn wvar(&mut self, braced: bool) -> Result<WhereVar, ParseError> {
        let bound = |p: &mut Parser| if braced { p.ty() } else { p.unary() };
        let first = self.unary()?;
        if self.is_op("<:") {
            self.pos += 1;
            let second = bound(self)?;
            if self.is_op("<:") {
                self.pos += 1;
                let upper = bound(self)?;
                let (name, offset) = var_name(&second)?;
                return Ok(WhereVar {
                    name,
                    offset,
                    lower: Some(first),
                    upper: Some(upper),
                });
            }
            let (name, offset) = var_name(&first)?;
            return Ok(WhereVar {
                name,
                offset,
                lower: None,
                upper: Some(second),
            });
        }
        if self.is_op(">:") {
            self.pos += 1;
            let lower = bound(self)?;
            let (name, offset) = var_name(&first)?;
            return Ok(WhereVar {
                name,
                offset,
                lower: Some(lower),
                upper: None,
            });
        }
        let (name, offset) = var_name(&first)?;
        Ok(WhereVar {
            name,
            offset,
            lower: None,
            upper: None,
        })
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        let off = self.offset();
        for (op, upper) in [("<:", true), (">:", false)] {
            if self.is_op(op) && matches!(self.peek_at(1), Some(Tok::Comma | Tok::RBrace) | None) {
                // `Tangent{<:, …}`: the function `<:` itself as a parameter.
                self.pos += 1;
                return Ok(Expr {
                    offset: off,
                    kind: ExprKind::Name(vec![op.to_string()]),
                });
            }
            if self.is_op(op) {
                self.pos += 1;
                self.enter()?;
                let bound = self.unary()?;
                self.leave();
                return Ok(Expr {
                    offset: off,
                    kind: ExprKind::Wildcard {
                        upper,
                        bound: Box::new(bound),
                    },
                });
            }
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.atom()?;
        while self.peek_kind() == Some(&Tok::LBrace) {
            self.pos += 1;
            self.enter()?;
            let params = self.comma_list(Tok::RBrace, "`,` or `}`", true, Self::ty)?;
            self.leave();
            e = Expr {
                offset: e.offset,
                kind: ExprKind::Apply {
                    head: Box::new(e),
                    params,
                },
            };
        }
        Ok(e)
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let t = self.next("a type")?;
        let off = t.offset;
        let lit = |l: Literal| {
            Ok(Expr {
                offset: off,
                kind: ExprKind::Value(l),
            })
        };
        match t.kind {
            Tok::Ident(ref name) => {
                let name = name.clone();
                let call = self.peek_kind() == Some(&Tok::LParen)
                    && !self.peek().is_some_and(|t| t.space_before);
                match name.as_str() {
                    "typeof" if call => {
                        self.pos += 1;
                        self.enter()?;
                        let path = self.callable()?;
                        let kind = if self.peek_kind() == Some(&Tok::LParen) {
                            // `typeof(Base.splat(=>))`: the type of a call's
                            // result, for the few calls whose type is known.
                            self.pos += 1;
                            let args =
                                self.comma_list(Tok::RParen, "`,` or `)`", false, Self::callable)?;
                            ExprKind::TypeOfCall { callee: path, args }
                        } else {
                            ExprKind::TypeOf(path)
                        };
                        self.expect(Tok::RParen, "`)`")?;
                        self.leave();
                        return Ok(Expr { offset: off, kind });
                    }
                    "Symbol" if call => {
                        self.pos += 1;
                        let s = self.next("a string")?;
                        let Tok::Str(text) = s.kind else {
                            return Err(self.unexpected(s, "a string"));
                        };
                        self.expect(Tok::RParen, "`)`")?;
                        return lit(Literal::Symbol(text));
                    }
                    // Julia's names for the non-finite floats.
                    "Inf" | "NaN" | "Inf32" | "NaN32" | "Inf16" | "NaN16"
                        if !matches!(self.peek_kind(), Some(Tok::Dot | Tok::LBrace)) =>
                    {
                        let value = if name.starts_with("Inf") {
                            f64::INFINITY
                        } else {
                            f64::NAN
                        };
                        let ty = match &name[3..] {
                            "32" => FloatTy::F32,
                            "16" => FloatTy::F16,
                            _ => FloatTy::F64,
                        };
                        return lit(Literal::Float { value, ty });
                    }
                    "true" => return lit(Literal::Bool(true)),
                    "false" => return lit(Literal::Bool(false)),
                    "nothing" => return lit(Literal::Nothing),
                    _ => {}
                }
                if call {
                    if let Some(l) = self.typed_number(&name)? {
                        return lit(l);
                    }
                }
                if let Some(Tok::Str(_)) = self.peek_kind() {
                    if !self.peek().is_some_and(|t| t.space_before) {
                        let Some(Token {
                            kind: Tok::Str(text),
                            ..
                        }) = self.toks.get(self.pos).cloned()
                        else {
                            unreachable!("checked above")
                        };
                        self.pos += 1;
                        return Ok(Expr {
                            offset: off,
                            kind: ExprKind::StrMacro { name, text },
                        });
                    }
                }
                let mut path = vec![name];
                self.path_rest(&mut path, false)?;
                Ok(Expr {
                    offset: off,
                    kind: ExprKind::Name(path),
                })
            }
            Tok::LParen => {
                self.enter()?;
                if self.peek_kind() == Some(&Tok::RParen) {
                    self.pos += 1;
                    self.leave();
                    return Ok(Expr {
                        offset: off,
                        kind: ExprKind::Tuple(Vec::new()),
                    });
                }
                let first = self.ty()?;
                let t = self.next("`)` or `,`")?;
                let e = match t.kind {
                    Tok::RParen => first,
                    Tok::Comma => {
                        let mut items = vec![first];
                        items.extend(self.comma_list(Tok::RParen, "`,` or `)`", true, Self::ty)?);
                        Expr {
                            offset: off,
                            kind: ExprKind::Tuple(items),
                        }
                    }
                    _ => return Err(self.unexpected(t, "`)` or `,`")),
                };
                self.leave();
                // `(Base.Iterators).Reverse` never occurs; a parenthesised
                // type stays as it is.
                Ok(e)
            }
            Tok::Number(text) => lit(number(&text, false, off)?),
            // An operator standing alone as a parameter (`Foo{+}`): the
            // function itself.
            Tok::Op(ref op)
                if matches!(
                    self.peek_kind(),
                    Some(Tok::Comma | Tok::RBrace | Tok::RParen) | None
                ) && !(op == "-" && matches!(self.peek_kind(), Some(Tok::Number(_)))) =>
            {
                Ok(Expr {
                    offset: off,
                    kind: ExprKind::Name(vec![op.clone()]),
                })
            }
            Tok::Op(ref op) if op == "-" => {
                let n = self.next("a number")?;
                match n.kind {
                    Tok::Number(text) if !n.space_before => lit(number(&text, true, off)?),
                    Tok::Ident(ref name)
                        if !n.space_before && name.starts_with("Inf") && name.len() <= 5 =>
                    {
                        let ty = match &name[3..] {
                            "32" => FloatTy::F32,
                            "16" => FloatTy::F16,
                            "" => FloatTy::F64,
                            _ => return Err(self.unexpected(n.clone(), "a number")),
                        };
                        lit(Literal::Float {
                            value: f64::NEG_INFINITY,
                            ty,
                        })
                    }
                    _ => Err(self.unexpected(n, "a number")),
                }
            }
            Tok::Char(c) => lit(Literal::Char(c)),
            Tok::Colon => {
                let n = self.next("a symbol")?;
                match n.kind {
                    Tok::Ident(s) if !n.space_before => lit(Literal::Symbol(s)),
                    Tok::Op(s) if !n.space_before => lit(Literal::Symbol(s)),
                    Tok::LParen if !n.space_before => {
                        let s = self.op_name()?;
                        self.expect(Tok::RParen, "`)`")?;
                        lit(Literal::Symbol(s))
                    }
                    _ => Err(self.unexpected(n, "a symbol")),
                }
            }
            Tok::At => {
                let n = self.next("`NamedTuple`")?;
                if n.kind != Tok::Ident("NamedTuple".into()) {
                    return Err(self.unexpected(n, "`NamedTuple`"));
                }
                self.expect(Tok::LBrace, "`{`")?;
                self.enter()?;
                let mut fields = Vec::new();
                if self.peek_kind() == Some(&Tok::RBrace) {
                    self.pos += 1;
                } else {
                    loop {
                        let f = self.next("a field name")?;
                        let Tok::Ident(fname) = f.kind else {
                            return Err(self.unexpected(f, "a field name"));
                        };
                        let fty = if self.peek_kind() == Some(&Tok::ColonColon) {
                            self.pos += 1;
                            Some(self.ty()?)
                        } else {
                            None
                        };
                        fields.push((fname, fty));
                        let t = self.next("`,` or `}`")?;
                        match t.kind {
                            Tok::Comma | Tok::Semi => {}
                            Tok::RBrace => break,
                            _ => return Err(self.unexpected(t, "`,` or `}`")),
                        }
                    }
                }
                self.leave();
                Ok(Expr {
                    offset: off,
                    kind: ExprKind::NamedTupleMacro(fields),
                })
            }
            _ => Err(self.unexpected(t, "a type")),
        }
    }

    /// `Int32(1)`, `UInt8(0x01)`, `Float32(1.0)`, `Float16(1.0)`: a number
    /// converted to a named type; `None` when `name` is no number type.
    fn typed_number(&mut self, name: &str) -> Result<Option<Literal>, ParseError> {
        let int = IntTy::from_name(name);
        let float = match name {
            "Float16" => Some(FloatTy::F16),
            "Float32" => Some(FloatTy::F32),
            "Float64" => Some(FloatTy::F64),
            _ => None,
        };
        if int.is_none() && float.is_none() {
            return Ok(None);
        }
        let neg = matches!(self.peek_at(1), Some(Tok::Op(o)) if o == "-");
        let num_at = if neg { 2 } else { 1 };
        let Some(Tok::Number(text)) = self.peek_at(num_at).cloned() else {
            return Ok(None);
        };
        if self.peek_at(num_at + 1) != Some(&Tok::RParen) {
            return Ok(None);
        }
        let off = self.toks[self.pos + num_at].offset;
        self.pos += num_at + 2;
        let value = number(&text, neg, off)?;
        let bad = || ParseError::new(off, ParseErrorKind::BadNumber(text.clone()));
        Ok(Some(match (value, int, float) {
            (Literal::Int { value, .. }, Some(ty), _) if ty.holds(value) => {
                Literal::Int { value, ty }
            }
            (Literal::Int { value, .. }, None, Some(ty)) => Literal::Float {
                value: value as f64,
                ty,
            },
            (Literal::Float { value, .. }, None, Some(ty)) => Literal::Float {
                value: round_to(value, ty),
                ty,
            },
            _ => return Err(bad()),
        }))
    }

    /// The rest of a dotted path after its first segment.
    fn path_rest(&mut self, path: &mut Vec<String>, _callable: bool) -> Result<(), ParseError> {
        while self.peek_kind() == Some(&Tok::Dot) {
            self.pos += 1;
            let t = self.next("a name")?;
            match t.kind {
                Tok::Ident(s) => path.push(s),
                Tok::Colon => {
                    if self.peek_kind() == Some(&Tok::LParen) {
                        self.pos += 1;
                        let s = self.op_name()?;
                        self.expect(Tok::RParen, "`)`")?;
                        path.push(s);
                    } else {
                        let n = self.next("an operator")?;
                        match n.kind {
                            Tok::Op(s) | Tok::Ident(s) => path.push(s),
                            _ => return Err(self.unexpected(n, "an operator")),
                        }
                    }
                }
                _ => return Err(self.unexpected(t, "a name")),
            }
        }
        Ok(())
    }

    /// An operator written as a name: `==`, `+`, `:` (inside `:( … )`).
    fn op_name(&mut self) -> Result<String, ParseError> {
        let t = self.next("an operator")?;
        match t.kind {
            Tok::Op(s) | Tok::Ident(s) => Ok(s),
            Tok::Colon => Ok(":".into()),
            Tok::ColonColon => Ok("::".into()),
            _ => Err(self.unexpected(t, "an operator")),
        }
    }

    /// The argument of `typeof(…)`: a function's path.
    fn callable(&mut self) -> Result<Vec<String>, ParseError> {
        let t = self.next("a function name")?;
        let first = match t.kind {
            Tok::Ident(s) | Tok::Op(s) => s,
            Tok::Colon => ":".into(),
            Tok::LParen => {
                // `typeof((+))`
                let s = self.op_name()?;
                self.expect(Tok::RParen, "`)`")?;
                s
            }
            _ => return Err(self.unexpected(t, "a function name")),
        };
        let mut path = vec![first];
        self.path_rest(&mut path, true)?;
        Ok(path)
    }
}

fn var_name(e: &Expr) -> Result<(String, usize), ParseError> {
    match &e.kind {
        ExprKind::Name(path) if path.len() == 1 => Ok((path[0].clone(), e.offset)),
        _ => Err(ParseError::new(
            e.offset,
            ParseErrorKind::Unexpected {
                found: "a type".into(),
                expected: "a type variable name",
            },
        )),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) | Tok::Op(s) | Tok::Number(s) => s.clone(),
        Tok::Char(c) => format!("'{c}'"),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::LBrace => "{".into(),
        Tok::RBrace => "}".into(),
        Tok::LParen => "(".into(),
        Tok::RParen => ")".into(),
        Tok::Comma => ",".into(),
        Tok::Dot => ".".into(),
        Tok::Colon => ":".into(),
        Tok::ColonColon => "::".into(),
        Tok::At => "@".into(),
        Tok::Semi => ";".into(),
    }
}

fn round_to(v: f64, ty: FloatTy) -> f64 {
    match ty {
        FloatTy::F64 => v,
        FloatTy::F32 => v as f32 as f64,
        FloatTy::F16 => f16_round(v),
    }
}

/// Round to the nearest IEEE half-precision value (ties to even).
fn f16_round(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let a = v.abs();
    if a >= 65520.0 {
        return f64::INFINITY.copysign(v);
    }
    // Spacing of half-precision values around `a`.
    let exp = a.log2().floor().max(-14.0);
    let ulp = (2.0f64).powf(exp - 10.0);
    let q = a / ulp;
    let r = q.round();
    let r = if (q - q.floor() - 0.5).abs() < f64::EPSILON && r % 2.0 != 0.0 {
        r - 1.0
    } else {
        r
    };
    (r * ulp).copysign(v)
}

/// A number literal as Julia reads it.
fn number(text: &str, neg: bool, off: usize) -> Result<Literal, ParseError> {
    let bad = || ParseError::new(off, ParseErrorKind::BadNumber(text.into()));
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(rest) = digits
        .strip_prefix("0x")
        .map(|d| (d, 16u32, 4u32))
        .or_else(|| digits.strip_prefix("0b").map(|d| (d, 2, 1)))
        .or_else(|| digits.strip_prefix("0o").map(|d| (d, 8, 3)))
    {
        let (d, radix, bits_per) = rest;
        if d.is_empty() || neg {
            return Err(bad());
        }
        let v = u128::from_str_radix(d, radix).map_err(|_| bad())?;
        // Julia sizes unsigned literals by the number of digits written
        // (octal by the value), not by the value.
        let bits = if radix == 8 {
            128 - v.leading_zeros()
        } else {
            d.len() as u32 * bits_per
        };
        let ty = match bits {
            0..=8 => IntTy::U8,
            9..=16 => IntTy::U16,
            17..=32 => IntTy::U32,
            33..=64 => IntTy::U64,
            65..=128 => IntTy::U128,
            _ => return Err(bad()),
        };
        let value = i128::try_from(v).map_err(|_| bad())?;
        return Ok(Literal::Int { value, ty });
    }
    let is_float = digits.contains(['.', 'e', 'E', 'f']);
    if is_float {
        let (mantissa, ty) = match digits.split_once('f') {
            Some((m, e)) => (format!("{m}e{e}"), FloatTy::F32),
            None => (digits.clone(), FloatTy::F64),
        };
        let v: f64 = mantissa.parse().map_err(|_| bad())?;
        let v = if neg { -v } else { v };
        return Ok(Literal::Float {
            value: round_to(v, ty),
            ty,
        });
    }
    let v: i128 = digits.parse().map_err(|_| bad())?;
    let v = if neg { -v } else { v };
    let ty = if IntTy::I64.holds(v) {
        IntTy::I64
    } else {
        IntTy::I128
    };
    Ok(Literal::Int { value: v, ty })
}
