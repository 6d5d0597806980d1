r"""The course's notation, construct by construct: each read as an answer to a target
(``adaproof verify TARGET ANSWER``) and in a free-standing relation (``verify --claim``),
through the real CLI entry point in process; readings and one-line refusals; a Hypothesis
round trip through SymPy's own printers."""

import json

import pytest
import sympy as sp
from adaproof.derivations import symbols as S
from adaproof.derivations.parsing import (
    ParseError,
    Scope,
    parse_chain,
    parse_expression,
    split_relations,
)
from adaproof.reports.cli import main

# (construct, target, answer): correct answers written in the construct's notation
ANSWERS = [
    ("greek sum index", "ema.var", r"\sigma^2 (1-\beta)^2 \sum_{\tau=1}^{t} \beta^{2(t-\tau)}"),
    ("plain sum index", "ema.var", "sigma^2*(1-beta)^2*sum(beta^(2*(t-tau)), (tau, 1, t))"),
    ("juxtaposed letters", "adam.m:2", r"(1-\beta_1)(\beta_1 g_1 + g_2)"),
    ("e", "ema.half_life", r"\frac{\ln(\mathrm{e}^{-1}) \ln 2}{\ln \beta}"),
    ("ln", "ema.half_life", r"-\frac{\ln 2}{\ln \beta}"),
    ("log base", "ema.half_life", r"\log_{\beta}(1/2)"),
    ("exp", "ema.half_life", r"\frac{\log \exp(-\ln 2)}{\ln \beta}"),
    ("nth root", "adam.v:1", r"\sqrt[3]{(1-\beta_2)^3} g_1^2"),
    ("bars", "adam.w:2", r"w_1 - \alpha \frac{g_1}{|g_1| + \epsilon}"),
    ("lvert", "adam.w:2", r"w_1 - \alpha \frac{g_1}{\lvert g_1 \rvert + \varepsilon}"),
    ("norm bars", "adam.w:2", r"w_1 - \alpha \frac{g_1}{\|g_1\| + \epsilon}"),
    ("sign", "adam.eff_lr", r"\frac{\alpha\,\mathrm{sign}(g)}{g + \epsilon}"),
    ("sgn", "adam.eff_lr", r"\frac{\alpha \operatorname{sgn}(g)}{g + \epsilon}"),
    ("max min", "adagrad.G:2", r"\max(g_1^2, g_2^2) + \min(g_1^2, g_2^2)"),
    (
        "max of three",
        "adagrad.G:3",
        r"\max(g_1^2, g_2^2, g_3^2) + \min(g_1^2, g_2^2, g_3^2)"
        r" + g_1^2 + g_2^2 + g_3^2 - \max(g_1^2, g_2^2, g_3^2) - \min(g_1^2, g_2^2, g_3^2)",
    ),
    ("sum", "adam.m:3", r"(1-\beta_1)\sum_{k=1}^{3}\beta_1^{3-k} g_k"),
    ("prod", "adam.m_hat:2", r"\frac{\beta_1 g_1 + g_2}{\prod_{j=1}^{1} (1+\beta_1^j)}"),
    ("hat lhs", "adam.m_hat:2", r"\hat{m}_2 = \frac{(1-\beta_1)(\beta_1 g_1 + g_2)}{1-\beta_1^2}"),
    ("bold", "adam.m:2", r"(1-\beta_1)(\beta_1 \mathbf{g}_1 + \boldsymbol{g}_2)"),
    ("vec", "adam.m:2", r"(1-\beta_1)(\beta_1 \vec{g}_1 + \vec g_2)"),
    (
        "coordinate odot",
        "adam.v:2",
        r"(1-\beta_2)(\beta_2 \mathbf{g}_1[i] \odot \mathbf{g}_1[i]"
        r" + \mathbf{g}_2 \odot \mathbf{g}_2)",
    ),
    ("time index", "adam.m:2", r"(1-\beta_1)(\beta_1 g^{(1)} + g^{(2)})"),
    ("nabla w", "adam.v:2", r"(1-\beta_2)(\beta_2 (\nabla w_1)^2 + (\nabla w_2)^2)"),
    (
        "nabla C",
        "adam.m:2",
        r"(1-\beta_1)(\beta_1 \nabla C(\theta^{(1)}) + \nabla f(\mathbf{x}_2))",
    ),
    ("E lhs", "ema.mean", r"E[m_t] = \mu(1-\beta^t)"),
    ("mathbb E lhs", "ema.mean_hat", r"\mathbb{E}[\hat{m}_t] = \mu"),
    (
        "Var lhs",
        "ema.var",
        r"\operatorname{Var}(m_t) = \frac{\sigma^2 (1-\beta)(1-\beta^{2t})}{1+\beta}",
    ),
    (
        "text Var lhs",
        "ema.var_hat",
        r"\text{Var}(\hat m_t) = \frac{\sigma^2(1-\beta)(1+\beta^t)}{(1+\beta)(1-\beta^t)}",
    ),
    (
        "spacing commentary",
        "adam.m:2",
        r"(1-\beta_1)\,(\beta_1 g_1 \; + g_2) \quad \text{(first moment)},",
    ),
    ("brackets", "adam.m:2", r"(1-\beta_1)\left[\beta_1 g_1 + g_2\right]"),
    ("square brackets", "adam.m:2", r"(1-\beta_1)[\beta_1 g_1 + g_2]"),
    ("plain juxtaposition", "adam.m_hat:2", "(1-b1)(b1 g1+g2)/(1-b1^2)"),
    ("plain superscript", "ema.var", "σ²(1-β)(1-β^(2t))/(1+β)"),
    ("plain subscripts", "adam.m:2", "(1-β₁)(β₁g₁+g₂)"),
    ("plain 2x", "adagrad.G:1", "2g1^2 - g1 g1"),
    ("plain bars", "adam.w:2", "w1 - alpha g1/(|g1| + eps)"),
]

# (construct, relation, assumptions): true relations in the construct's notation
CLAIMS = [
    ("greek", r"\gamma + \theta \ge 2\sqrt{\gamma \theta}", ["gamma > 0", "theta > 0"]),
    ("greek variants", r"\vartheta^2 + \ell^2 \ge 2 \vartheta \ell", []),
    ("greek sum index", r"\sum_{\tau=1}^{t} \beta^{\tau-1} = \frac{1-\beta^t}{1-\beta}", []),
    ("plain sum index", "sum(beta^(tau-1), (tau, 1, t)) = (1-beta^t)/(1-beta)", []),
    ("juxtaposed letters", r"(a^b)^c = a^{bc}", ["a > 0"]),
    ("yx", r"yx = {xy}", []),
    ("e", r"e^{-x} \le \frac{1}{1+x}", ["x > -1"]),
    ("mathrm e", r"\mathrm{e}^{x} \ge 1 + x", []),
    ("ln exp", r"\ln(\exp(x)) = x", []),
    ("log base", r"\log_{2}(8) = 3", []),
    ("nth root", r"\sqrt[3]{x^3} = x", ["x > 0"]),
    ("bars", r"|x| \ge x", []),
    ("norm bars", r"\|x\| \ge -x", []),
    ("sign", r"\frac{g_1}{|g_1|} = \mathrm{sign}(g_1)", []),
    ("max min", r"\max(a, b, c) \ge \min(a, b, c)", []),
    ("lim", r"\lim_{t\to\infty} \frac{1-\beta}{1-\beta^t} = 1-\beta", []),
    ("prod", r"\prod_{k=1}^{4} k = 24", []),
    ("decorations", r"\bar{x} + \tilde{x} + \hat{x} = \hat{x} + \tilde{x} + \bar{x}", []),
    ("coordinate odot", r"\mathbf{g}_t[i] \odot \mathbf{g}_t[i] \ge 0", []),
    ("time index", r"(v^{(t)})^2 \ge 0", []),
    ("nabla", r"(\nabla w_t)^2 \ge 0", []),
    ("expectation", r"\mathbb{E}[x] = \mathbb{E}[x]", []),
    ("brackets", r"\left[a + b\right]^2 \ge 0", []),
    ("chain", r"a \le a + 1 = 1 + a", []),
    ("two relations", r"x^2 \ge 0, \quad \text{and} \quad |x| \ge 0.", []),
    ("aligned", r"\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\ &\ge 4ab \end{aligned}", []),
    (
        "as t to infinity",
        r"\frac{1-\beta}{1-\beta^t} \approx 1-\beta \quad \text{as } t \to \infty",
        [],
    ),
    ("plain 2x", "2x <= x^2 + 1", []),
    ("plain bars", "|x| >= x", []),
    ("plain e", "e^x >= 1 + x", []),
    ("bom", "\ufeffx^2 >= 0", []),
]


def _run(capsys, argv):
    rc = main([*argv, "--budget", "12"])
    out = capsys.readouterr()
    return rc, out.out + out.err


@pytest.mark.parametrize(("construct", "target", "answer"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_construct_in_an_answer(capsys, construct, target, answer):
    rc, out = _run(capsys, ["verify", target, answer])
    assert rc == 0, out


@pytest.mark.parametrize(("construct", "relation", "assume"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_construct_in_a_claim(capsys, construct, relation, assume):
    argv = ["verify", "--claim", relation]
    for a in assume:
        argv += ["--assume", a]
    rc, out = _run(capsys, argv)
    assert rc == 0, out


@pytest.mark.parametrize(
    ("target", "answer"),
    [
        ("adam.m:2", r"(1-\beta_1)(\beta_1 g_1 + g_1)"),
        ("adam.v:2", r"(1-\beta_2)(\beta_2 (\nabla w_2)^2 + (\nabla w_1)^2)"),
        ("ema.half_life", r"\log_{\beta}(2)"),
        ("ema.mean", r"E[m_t] = \mu"),
    ],
)
def test_a_wrong_answer_in_the_notation_is_refuted(capsys, target, answer):
    rc, out = _run(capsys, ["verify", target, answer])
    assert rc == 1, out


def test_a_false_claim_in_the_notation_is_refuted(capsys):
    rc, out = _run(capsys, ["verify", "--claim", r"e^{x} \le 1 + x"])
    assert rc == 1, out


def test_readings_are_said(capsys):
    rc, out = _run(capsys, ["verify", "--claim", r"(a^b)^c = a^{bc} e^0", "--assume", "a > 0"])
    assert rc == 0, out
    assert "reading: read 'bc' as b·c" in out
    assert "reading: read 'e' as Euler's number" in out
    assert "reading: read 'b' as β" in out


def test_each_relation_of_a_line_is_reported(capsys):
    rc, out = _run(capsys, ["verify", "--claim", r"x^2 \ge 0, \quad x \le x - 1", "--json"])
    assert rc == 1
    data = json.loads(out)
    assert [link["verdict"] for link in data["links"]] == ["true", "false"]


@pytest.mark.parametrize(
    ("text", "token", "expected"),
    [
        (r"\frac{1}{2} + \fracc{x}", r"\fracc", "unknown LaTeX command (did you mean \\frac?)"),
        (r"1 + 3 + \dots + (2n-1)", r"\dots", "write the sum with \\sum"),
        ("(1 + x", "(", "never closed"),
        (r"|x + 1", None, "'|' to close"),
        (r"\sum_{k} k", "}", "'=' after the index"),
        ("cos(x)", "cos", "unknown function"),
    ],
)
def test_unreadable_input_gets_one_line(capsys, text, token, expected):
    with pytest.raises(ParseError) as info:
        parse_expression(text)
    msg = str(info.value)
    assert "\n" not in msg
    assert expected in msg
    if token is not None:
        assert info.value.token == token
        assert info.value.position is not None
    rc, out = _run(capsys, ["verify", "adam.m:1", text])
    assert rc == 2
    assert len(out.strip().splitlines()) == 1


def test_target_scope_refuses_opaque_operators():
    scope = Scope(allowed={"beta1": S.beta1, "g1": S.grad(1)}, describe="adam.m:1")
    for text in (r"\mathbb{E}[g_1]", r"\operatorname{Var}(g_1)", "f(g1)", r"\mathbf{w}_{t}"):
        with pytest.raises(ParseError):
            parse_expression(text, scope)


def test_letters_and_readings():
    c = parse_chain(r"bc + yx", latex=True)
    x, y, c_ = sp.Symbol("x", real=True), sp.Symbol("y", real=True), sp.Symbol("c", real=True)
    assert c.sides[0] == S.beta * c_ + x * y
    assert "read 'bc' as b·c" in c.readings
    assert parse_expression(r"\mathrm{e}") == sp.E
    assert parse_expression(r"\mathrm{lr}") == S.alpha
    assert parse_expression("e^x") == sp.exp(x)
    assert parse_expression("βg") == S.beta * S.g


def test_split_relations_api():
    links = split_relations(
        r"\begin{aligned} v_1 &= (1-\beta) g_1, \quad \text{and} \quad s_1 = g_1^2 \\"
        r" &\le 2 g_1^2 \tag{3} \end{aligned}"
    )
    assert [(lk.lhs_text, lk.op, lk.rhs_text) for lk in links] == [
        ("v_1", "=", "(1-\\beta) g_1"),
        ("s_1", "=", "g_1^2"),
        ("g_1^2", "<=", "2 g_1^2"),
    ]
    assert links[2].continued
    assert links[2].rhs == 2 * S.grad(1) ** 2
    limit = split_relations(r"f_t \approx 1 \quad \text{as } t \to \infty")[0]
    assert limit.limit == ("t", "oo")
    bad = split_relations(r"a = 1 + \dots, \quad b = 2")
    assert bad[0].error is not None
    assert bad[1].error is None


# -- round trip through SymPy's own printers ------------------------------------------
hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

_ATOMS = [S.beta1, S.beta2, S.beta, S.alpha, S.eps, S.sigma, S.mu, S.t, S.grad(1), S.grad(2)]
_ATOMS += [sp.Integer(2), sp.Integer(3), sp.Rational(1, 2), sp.Symbol("x", real=True)]


def _exprs():
    leaves = st.sampled_from(_ATOMS)

    def extend(children):
        return st.one_of(
            st.builds(sp.Add, children, children),
            st.builds(sp.Mul, children, children),
            st.builds(lambda a: sp.Integer(1) - a, children),
            st.builds(lambda a: a**2, children),
            st.builds(lambda a, n: a ** sp.Integer(n), children, st.integers(-3, 4)),
            st.builds(lambda a: a**S.t, leaves),
            st.builds(sp.sqrt, children),
            st.builds(sp.Abs, children),
            st.builds(sp.exp, children),
            st.builds(sp.log, st.sampled_from([S.beta, S.beta1, S.sigma, S.alpha])),
            st.builds(lambda a, b: sp.Max(a, b), children, children),
            st.builds(lambda a, b: a / (b + 3), children, leaves),
        )

    return st.recursive(leaves, extend, max_leaves=8)


@hypothesis.settings(max_examples=60, deadline=None, derandomize=True)
@hypothesis.given(_exprs())
def test_round_trip_latex(expr):
    text = sp.latex(expr)
    back = parse_expression(text, latex=True)
    assert sp.simplify(back - expr) == 0, text


@hypothesis.settings(max_examples=60, deadline=None, derandomize=True)
@hypothesis.given(_exprs())
def test_round_trip_sstr(expr):
    text = sp.sstr(expr)
    back = parse_expression(text, latex=False)
    assert sp.simplify(back - expr) == 0, text
