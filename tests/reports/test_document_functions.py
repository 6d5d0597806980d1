r"""Functions of vectors a document defines, their gradients, and the convexity lemma.

Short sample notes written here (the logistic-loss relations are quoted from lecture
notes on AdaGrad); nothing is read from outside the repository.
"""

from __future__ import annotations

from adaproof.reports.documents import check_text

BUDGET = 1.5

LOSS = r"$$\ell(w, (x, y)) = \log(1 + \exp(-y\langle w, x \rangle))$$"
GRADIENT = (
    r"$$\nabla \ell(w, (x, y)) = \frac{-yx \exp(-y\langle w, x \rangle)}"
    r"{1 + \exp(-y\langle w, x \rangle)}$$"
)


def entries(text: str):
    return {e.line: e for e in check_text(text, "notes.md", BUDGET).entries}


def test_the_logistic_loss_gradient_is_true_coordinate_by_coordinate():
    got = entries(f"We learn w with\n\n{LOSS}\n\nwhose gradient is\n\n{GRADIENT}\n")
    loss, grad = got[3], got[7]
    assert (loss.role, loss.verdict) == ("definition", "defined")
    assert "w, x vectors" in loss.reading
    assert "y a scalar" in loss.reading
    assert (grad.role, grad.verdict) == ("claim", "true")
    assert "dimension = 1..3" in grad.method
    assert "∂/∂w[k] of ℓ (line 3)" in grad.method
    assert grad.method.endswith("evidence, not a proof")
    assert not grad.symbolic


def test_a_wrong_gradient_is_refuted_with_the_coordinate_that_differs():
    wrong = GRADIENT.replace("-yx", "-x")  # the factor y dropped
    got = entries(f"{LOSS}\n\n{wrong}\n")
    e = got[3]
    assert e.verdict == "false", e.method
    assert e.counterexample["index"] == "dimension = 1"
    assert set(e.counterexample["values"]) <= {"w[1]", "x[1]", "y"}
    sign = GRADIENT.replace("-yx", "yx")
    assert entries(f"{LOSS}\n\n{sign}\n")[3].verdict == "false"


def test_a_difference_that_depends_on_a_name_of_its_own_is_not_refuted():
    # c is no argument of ℓ: for some c the sides agree, so the relation is not refuted
    other = GRADIENT.replace("-yx", "-cx")
    e = entries(f"{LOSS}\n\n{other}\n")[3]
    assert e.verdict == "inconclusive"
    assert "not refuted" in e.method


def test_a_name_defined_as_the_gradient_is_read_with_the_pair_it_stands_for():
    base = (
        f"{LOSS}\n\n"  # 1
        r"$$\mathbf{g}_t = \nabla \ell(\mathbf{w}_t, z_t)$$" + "\n\n"  # 3
    )
    as_written = (
        r"$$\mathbf{g}_t[i] = \left[ \frac{-y_t \exp(-y_t \langle \mathbf{w}_t, \mathbf{x}_t"
        r" \rangle)}{1 + \exp(-y \langle \mathbf{w}_t, \mathbf{x}_t \rangle)} \right]"
        r" \mathbf{x}_t[i]$$"
    )
    e = entries(base + as_written + "\n")[5]
    # y where y_t is meant: equal only with y read as y_t, so not decided either way
    assert e.verdict == "inconclusive", e.method
    assert "read as y_t" in e.method
    assert "z_t read as (x_t, y_t)" in e.reading
    fixed = as_written.replace(r"\exp(-y \langle", r"\exp(-y_t \langle")
    e = entries(base + fixed + "\n")[5]
    assert e.verdict == "true", e.method
    assert "z_t read as (x_t, y_t)" in e.reading
    # wrong, but z_t = (x_t, y_t) is a reading choice: not refuted
    wrong = fixed.replace(r"\frac{-y_t", r"\frac{y_t")
    e = entries(base + wrong + "\n")[5]
    assert e.verdict == "inconclusive"
    assert "not refuted" in e.method


def test_a_norm_function_and_a_gradient_name_without_index():
    text = (
        r"$$f(w) = \frac{1}{2}\|w\|^2$$" + "\n\n"  # 1
        r"$$\nabla f(w) = w$$" + "\n\n"  # 3
        r"$$\nabla f(w) = 2w$$" + "\n\n"  # 5
        r"$$g = \nabla f(w)$$" + "\n\n"  # 7
        r"$$g = w$$" + "\n\n"  # 9
        r"$$g = 3w$$" + "\n"  # 11
    )
    got = entries(text)
    assert "w a vector" in got[1].reading
    assert got[3].verdict == "true"
    assert got[5].verdict == "false"
    assert got[7].role == "definition"
    assert "∇f(w)" in got[7].reading
    assert got[9].verdict == "true"  # a claim about g, not a new definition of g
    assert got[11].verdict == "false"


def test_the_gradient_of_a_function_the_document_does_not_define_is_never_refuted():
    # read before as a number called ∇ (refuted with ∇ = 0); the gradient is not known
    got = entries(r"$$\nabla f(x) = x$$" + "\n\n" + r"$$\nabla \ell(w, (x, y)) = 2w$$" + "\n")
    assert [e.verdict for e in got.values()] == ["not checked", "not checked"]
    assert "a gradient ∇f(…)" in got[1].reading


def test_a_vector_formula_defining_a_name_is_read_with_its_vectors():
    e = entries(r"$$\hat{y} = \langle w, x \rangle$$" + "\n")[1]
    assert (e.role, e.verdict) == ("definition", "defined")
    assert "⟨w, x⟩" in e.reading
    assert "vectors w, x" in e.reading


CONVEX = r"Suppose that $\mathcal{L}$ is a convex function. Then"
LEMMA = (
    r"$$\mathbb{E}[\mathcal{L}(\mathbf{w}_t) - \mathcal{L}(\mathbf{w}_{\star})] \leq "
    r"\mathbb{E}[\langle \nabla \mathcal{L}(\mathbf{w}_t), \mathbf{w}_t - \mathbf{w}_{\star}"
    r" \rangle]$$"
)


def test_the_first_order_condition_of_a_function_the_text_states_is_convex():
    e = entries(f"{CONVEX}\n\n{LEMMA}\n")[3]
    assert (e.verdict, e.symbolic) == ("true", True)
    assert "first-order condition" in e.method
    assert "convex at line 1" in e.method
    assert "E[…] preserves ≤" in e.method
    scaled = (
        r"$$2\mathcal{L}(u) \geq 2\mathcal{L}(v) + \langle \nabla \mathcal{L}(v), 2u - 2v"
        r" \rangle$$"
    )
    assert entries(f"{CONVEX}\n\n{scaled}\n")[3].verdict == "true"


def test_the_lemma_needs_the_prose_and_the_exact_inequality():
    assert entries(f"{LEMMA}\n")[1].verdict != "true"  # no convexity stated
    assert entries(f"{LEMMA}\n\n{CONVEX}\n")[1].verdict != "true"  # stated after it
    negated = CONVEX.replace("is a convex", "is not a convex")
    assert entries(f"{negated}\n\n{LEMMA}\n")[3].verdict != "true"
    reversed_ = LEMMA.replace(r"\leq", r"\geq")
    assert entries(f"{CONVEX}\n\n{reversed_}\n")[3].verdict != "true"
    stronger = LEMMA.replace(r"\rangle]$$", r"\rangle] - 1$$")
    assert entries(f"{CONVEX}\n\n{stronger}\n")[3].verdict != "true"
