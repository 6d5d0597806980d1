# ruff: noqa: E501
"""Relations of the course documents (short quotations, one relation each) that the reader
reads: each must stay readable. 198 of the 206 relations in the displays of the five course
documents are read by the parser (the rest use \\int, O(...), sets, a projection subscript or an
unclosed bracket); 197 are quoted here."""

import pytest
from adaproof.derivations.parsing import split_relations

READ = [
    (
        "000",
        "\\theta^{(t+1)} = \\theta^{(t)} - \\alpha \\frac{1}{\\sqrt{s^{(t+1)}} + \\epsilon} v^{(t+1)}",
    ),
    ("000", "v^{(t+1)} = \\beta v^{(t)} + (1 - \\beta) \\nabla C(\\theta^{(t)})"),
    (
        "000",
        "s^{(t+1)} = \\gamma s^{(t)} + (1 - \\gamma) \\left( \\nabla C(\\theta^{(t)}) \\odot \\nabla C(\\theta^{(t)}) \\right)",
    ),
    ("000", "\\alpha_{\\text{eff}} \\approx \\alpha \\frac{1}{|g|}"),
    ("000", "f(x, y) = (1 - x)^2 + 10(y - x^2)^2"),
    ("000", "v^{(1)} = (1 - \\beta)g"),
    ("000", "s^{(1)} = (1 - \\gamma)(g \\odot g)"),
    ("000", "v^{(2)} = (1 - \\beta)\\beta g + (1 - \\beta)g"),
    ("000", "(1 - \\beta)\\beta g + (1 - \\beta)g = (1 - \\beta)(1 + \\beta)g"),
    ("000", "s^{(2)} = (1 - \\gamma)\\gamma(g \\odot g) + (1 - \\gamma)(g \\odot g)"),
    (
        "000",
        "(1 - \\gamma)\\gamma(g \\odot g) + (1 - \\gamma)(g \\odot g) = (1 - \\gamma)(1 + \\gamma)(g \\odot g)",
    ),
    ("000", "v^{(t+1)} = (1 - \\beta) \\left( \\sum_{\\tau=1}^t \\beta^{\\tau-1} \\right) g"),
    (
        "000",
        "s^{(t+1)} = (1 - \\gamma) \\left( \\sum_{\\tau=1}^t \\gamma^{\\tau-1} \\right) (g \\odot g)",
    ),
    ("000", "v^{(t+1)} \\approx g"),
    ("000", "s^{(t+1)} \\approx g \\odot g"),
    (
        "000",
        "\\theta^{(t+1)} = \\theta^{(t)} - \\alpha \\frac{1}{\\sqrt{s^{(t+1)}} + \\epsilon} v^{(t+1)}",
    ),
    (
        "000",
        "\\theta^{(t)} - \\alpha \\frac{1}{\\sqrt{s^{(t+1)}} + \\epsilon} v^{(t+1)} \\approx \\theta^{(t)} - \\frac{\\alpha}{|g| + \\epsilon} g",
    ),
    (
        "000",
        "\\theta^{(t)} - \\frac{\\alpha}{|g| + \\epsilon} g \\approx \\theta^{(t)} - \\frac{\\alpha}{|g|} g",
    ),
    ("001", "g_t = \\nabla \\ell_t(w_t)"),
    ("001", "m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)g_t"),
    ("001", "v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)g_t^2"),
    ("001", "\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}"),
    ("001", "\\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t}"),
    ("001", "w_{t+1} = w_t - \\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon}"),
    ("001", "u_t = \\mu u_{t-1} + g_t"),
    ("001", "w_{t+1} = w_t - \\alpha u_t"),
    ("001", "m_1 = (1 - \\beta_1)g_1"),
    ("001", "v_1 = (1 - \\beta_2)g_1^2"),
    ("001", "\\hat{m}_1 = g_1"),
    ("001", "\\hat{v}_1 = g_1^2"),
    ("001", "w_2 = w_1 - \\alpha \\frac{g_1}{\\sqrt{g_1^2} + \\varepsilon}"),
    ("001", "m_2 = (1 - \\beta_1)(\\beta_1 g_1 + g_2)"),
    ("001", "v_2 = (1 - \\beta_2)(\\beta_2 g_1^2 + g_2^2)"),
    ("001", "\\hat{m}_2 = \\frac{(1 - \\beta_1)(\\beta_1 g_1 + g_2)}{1 - \\beta_1^2}"),
    ("001", "\\hat{v}_2 = \\frac{(1 - \\beta_2)(\\beta_2 g_1^2 + g_2^2)}{1 - \\beta_2^2}"),
    ("001", "w_3 = w_2 - \\alpha \\frac{\\hat{m}_2}{\\sqrt{\\hat{v}_2} + \\varepsilon}"),
    ("001", "\\Delta w_t = -\\alpha u_t"),
    ("001", "u_t = \\mu u_{t-1} + g_t"),
    ("001", "|\\Delta w_t| = \\alpha |u_t|"),
    ("001", "\\Delta w_t = -\\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon}"),
    ("001", "\\frac{c\\hat{m}_t}{c\\sqrt{\\hat{v}_t}} = \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t}}"),
    ("001", "\\Delta w_t = -\\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon}"),
    ("001", "\\sqrt{\\hat{v}_t} + \\varepsilon \\geq \\varepsilon"),
    ("001", "\\varepsilon > 0"),
    ("001", "\\Delta w_t = -\\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon}"),
    ("001", "u_t = \\mu u_{t-1} + g_t"),
    ("001", "v_t = \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2"),
    ("001", "\\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t}"),
    ("002", "\\hat{y} = \\langle w, x \\rangle"),
    ("002", "\\ell(w, (x, y)) = \\log(1 + \\exp(-y\\langle w, x \\rangle))"),
    (
        "002",
        "\\nabla \\ell(w, (x, y)) = \\frac{-yx \\exp(-y\\langle w, x \\rangle)}{1 + \\exp(-y\\langle w, x \\rangle)}",
    ),
    ("002", "\\mathbf{w}_{t+1} = \\mathbf{w}_t - \\eta_t \\nabla \\ell(\\mathbf{w}_t, z_t)"),
    (
        "002",
        "\\mathbf{w}_{t+1}[i] = \\mathbf{w}_t[i] - \\eta_t[i] \\nabla \\ell(\\mathbf{w}_t, z_t)[i]",
    ),
    ("002", "\\mathbf{g}_t = \\nabla \\ell(\\mathbf{w}_t, z_t)"),
    (
        "002",
        "\\eta_t[i] = \\frac{c}{\\sqrt{\\epsilon^2 + \\sum_{\\tau=1}^t \\mathbf{g}_{\\tau}[i]^2}}",
    ),
    (
        "002",
        "\\mathbf{g}_t[i] = \\left[ \\frac{-y_t \\exp(-y_t \\langle \\mathbf{w}_t, \\mathbf{x}_t \\rangle)}{1 + \\exp(-y \\langle \\mathbf{w}_t, \\mathbf{x}_t \\rangle)} \\right] \\mathbf{x}_t[i]",
    ),
    ("002", "\\eta_t[i] \\approx \\frac{c}{\\sigma[i]\\sqrt{t}}"),
    ("002", "\\eta_t[i] = \\frac{c}{\\sqrt{\\epsilon^2 + g_{1:t}^2[i]}}"),
    ("002", "\\mathbf{g}_t = \\nabla \\ell(\\mathbf{w}_t, z_t)"),
    (
        "002",
        "\\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathcal{L}(\\mathbf{w}_t) - \\mathcal{L}(\\mathbf{w}_{\\star})\\right] \\leq 2\\sqrt{2}D_2 \\,\\mathbb{E}\\left[\\sqrt{\\sum_{t=1}^{T} \\|\\mathbf{g}_t\\|^2}\\right]",
    ),
    ("002", "\\mathbf{g}_t = \\nabla \\ell(\\mathbf{w}_t, z_t)"),
    (
        "002",
        "\\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathcal{L}(\\mathbf{w}_t) - \\mathcal{L}(\\mathbf{w}_{\\star})\\right] \\leq 2\\sqrt{2}D_{\\infty}\\,\\mathbb{E}\\left[\\sum_{i=1}^{d} \\sqrt{\\sum_{t=1}^{T} \\mathbf{g}_t[i]^2}\\right]",
    ),
    (
        "002",
        "\\sum_{i=1}^{d} \\sqrt{\\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}} \\leq \\sqrt{d} \\sqrt{\\sum_{i=1}^{d} \\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}}",
    ),
    (
        "002",
        "\\sqrt{d} \\sqrt{\\sum_{i=1}^{d} \\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}} = \\sqrt{d} \\sqrt{\\sum_{t=1}^{T} \\sum_{i=1}^{d} \\mathbf{g}_{t}[i]^{2}}",
    ),
    (
        "002",
        "\\sqrt{d} \\sqrt{\\sum_{t=1}^{T} \\sum_{i=1}^{d} \\mathbf{g}_{t}[i]^{2}} = \\sqrt{d \\sum_{t=1}^{T} \\|\\mathbf{g}_{t}\\|^{2}}",
    ),
    ("002", "\\|\\mathbf{w}_{\\star}\\|_{2} = w\\sqrt{d}"),
    ("002", "w\\sqrt{d} = \\|\\mathbf{w}_{\\star}\\|_{\\infty}\\sqrt{d}"),
    (
        "002",
        "D_{\\infty} \\sum_{i=1}^{d} \\sqrt{\\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}} \\leq D_{2} \\sqrt{\\sum_{t=1}^{T} \\|\\mathbf{g}_{t}\\|^{2}}",
    ),
    (
        "002",
        "\\mathbb{E}[D_{\\infty} \\sum_{i=1}^{d} \\sqrt{\\mathbf{g}_{1:t}^{2}[i]}] \\leq D_{\\infty} \\sum_{i=1}^{d} \\sqrt{T/i^{2}}",
    ),
    (
        "002",
        "D_{\\infty} \\sum_{i=1}^{d} \\sqrt{T/i^{2}} = D_{\\infty} \\sqrt{T} \\sum_{i=1}^{d} \\frac{1}{i}",
    ),
    ("002", "\\mathbb{E}[D_2\\sqrt{\\|\\mathbf{g}\\|_{1:T}^2}] = D_2\\sqrt{T}"),
    (
        "002",
        "\\mathbb{E}[\\mathcal{L}(\\mathbf{w}_t) - \\mathcal{L}(\\mathbf{w}_{\\star})] \\leq \\mathbb{E}[\\langle \\nabla \\mathcal{L}(\\mathbf{w}_t), \\mathbf{w}_t - \\mathbf{w}_{\\star} \\rangle]",
    ),
    (
        "002",
        "\\mathbb{E}[\\langle \\nabla \\mathcal{L}(\\mathbf{w}_t), \\mathbf{w}_t - \\mathbf{w}_{\\star} \\rangle] = \\mathbb{E}[\\langle \\mathbf{g}_t, \\mathbf{w}_t - \\mathbf{w}_{\\star} \\rangle]",
    ),
    (
        "002",
        "\\langle \\mathbf{g}_t, \\mathbf{w}_t - \\mathbf{w}_{\\star} \\rangle = \\sum_{i=1}^d g_t[i](\\mathbf{w}_t[i] - \\mathbf{w}_{\\star}[i])",
    ),
    (
        "002",
        "\\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathcal{L}(\\mathbf{w}_{t}) - \\mathcal{L}(\\mathbf{w}_{\\star})\\right] \\leq \\sum_{t=1}^{T} \\mathbb{E}[\\langle \\mathbf{g}_{t}, \\mathbf{w}_{t} - \\mathbf{w}_{\\star} \\rangle]",
    ),
    (
        "002",
        "\\sum_{t=1}^{T} \\mathbb{E}[\\langle \\mathbf{g}_{t}, \\mathbf{w}_{t} - \\mathbf{w}_{\\star} \\rangle] = \\sum_{t=1}^{T} \\sum_{i=1}^{d} \\mathbb{E}[\\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])]",
    ),
    (
        "002",
        "\\sum_{t=1}^{T} \\sum_{i=1}^{d} \\mathbb{E}[\\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])] = \\sum_{i=1}^{d} \\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])\\right]",
    ),
    (
        "002",
        "(\\mathbf{w}_{t+1}[i] - \\mathbf{w}_{\\star}[i])^{2} \\leq (\\mathbf{w}_{t}[i] - \\eta_{t}[i]\\mathbf{g}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2}",
    ),
    (
        "002",
        "(\\mathbf{w}_{t}[i] - \\eta_{t}[i]\\mathbf{g}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2} = (\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2} - 2\\eta_{t}[i]\\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i]) + \\eta_{t}[i]^{2}\\mathbf{g}_{t}[i]^{2}",
    ),
    (
        "002",
        "\\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i]) \\leq \\frac{(\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2} - (\\mathbf{w}_{t+1}[i] - \\mathbf{w}_{\\star}[i])^{2}}{2\\eta_{t}[i]} + \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2}",
    ),
    (
        "002",
        "\\sum_{t=1}^{T} \\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i]) \\leq \\frac{(\\mathbf{w}_{1}[i] - \\mathbf{w}_{\\star}[i])^{2}}{2\\eta_{1}[i]} - \\frac{(\\mathbf{w}_{T+1}[i] - \\mathbf{w}_{\\star}[i])^{2}}{2\\eta_{T}[i]} \\\\ &+ \\sum_{t=2}^{T} (\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2} \\left(\\frac{1}{2\\eta_{t}[i]} - \\frac{1}{2\\eta_{t-1}[i]}\\right) + \\sum_{t=1}^{T} \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2}",
    ),
    (
        "002",
        "\\frac{(\\mathbf{w}_{1}[i] - \\mathbf{w}_{\\star}[i])^{2}}{2\\eta_{1}[i]} - \\frac{(\\mathbf{w}_{T+1}[i] - \\mathbf{w}_{\\star}[i])^{2}}{2\\eta_{T}[i]} \\\\ &+ \\sum_{t=2}^{T} (\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])^{2} \\left(\\frac{1}{2\\eta_{t}[i]} - \\frac{1}{2\\eta_{t-1}[i]}\\right) + \\sum_{t=1}^{T} \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2} \\leq \\frac{D_{\\infty}^{2}}{2\\eta_{1}[i]} + \\sum_{t=2}^{T} D_{\\infty}^{2} \\left(\\frac{1}{2\\eta_{t}[i]} - \\frac{1}{2\\eta_{t-1}[i]}\\right) + \\sum_{t=1}^{T} \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2}",
    ),
    (
        "002",
        "\\frac{D_{\\infty}^{2}}{2\\eta_{1}[i]} + \\sum_{t=2}^{T} D_{\\infty}^{2} \\left(\\frac{1}{2\\eta_{t}[i]} - \\frac{1}{2\\eta_{t-1}[i]}\\right) + \\sum_{t=1}^{T} \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2} \\leq \\frac{D_{\\infty}^{2}}{2\\eta_{T}[i]} + \\sum_{t=1}^{T} \\frac{\\eta_{t}[i]\\mathbf{g}_{t}[i]^{2}}{2}",
    ),
    (
        "002",
        "\\sum_{t=1}^{T} \\eta_{t}[i] \\mathbf{g}_{t}[i]^{2} = \\sum_{t=1}^{T} \\frac{\\mathbf{g}_{t}[i]^{2}}{\\sqrt{\\sum_{\\tau=1}^{t} \\mathbf{g}_{\\tau}[i]^{2}}}",
    ),
    (
        "002",
        "\\sum_{t=1}^{T} \\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i]) \\leq 2\\sqrt{2}D_{\\infty}\\sqrt{\\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}}",
    ),
    (
        "002",
        "\\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathcal{L}(\\mathbf{w}_{t}) - \\mathcal{L}(\\mathbf{w}_{\\star})\\right] \\leq \\sum_{i=1}^{d} \\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])\\right]",
    ),
    (
        "002",
        "\\sum_{i=1}^{d} \\mathbb{E}\\left[\\sum_{t=1}^{T} \\mathbf{g}_{t}[i](\\mathbf{w}_{t}[i] - \\mathbf{w}_{\\star}[i])\\right] \\leq 2\\sqrt{2}D_{\\infty} \\sum_{i=1}^{d} \\sqrt{\\sum_{t=1}^{T} \\mathbf{g}_{t}[i]^{2}}",
    ),
    ("002", "\\mathbf{v}_{t} = \\beta_{2} \\mathbf{v}_{t-1} + (1 - \\beta_{2}) g_{t}^{2}"),
    (
        "002",
        "\\mathbb{E}[\\mathbf{v}_t] = (1 - \\beta_2) \\sum_{\\tau=0}^{t-1} \\beta_2^{\\tau} g^2",
    ),
    (
        "002",
        "(1 - \\beta_2) \\sum_{\\tau=0}^{t-1} \\beta_2^{\\tau} g^2 = (1 - \\beta_2) \\frac{1 - \\beta_2^t}{1 - \\beta_2} g^2",
    ),
    ("002", "(1 - \\beta_2) \\frac{1 - \\beta_2^t}{1 - \\beta_2} g^2 = (1 - \\beta_2^t) g^2"),
    (
        "002",
        "m_{t} = \\beta_{1}^{t} \\epsilon^{2} + (1 - \\beta_{1}) \\sum_{\\tau=0}^{t-1} \\beta_{1}^{\\tau} g_{t-\\tau}",
    ),
    (
        "002",
        "\\beta_{1}^{t} \\epsilon^{2} + (1 - \\beta_{1}) \\sum_{\\tau=0}^{t-1} \\beta_{1}^{\\tau} g_{t-\\tau} = (1 - \\beta_{1}) \\sum_{\\tau=0}^{t-1} \\beta_{1}^{\\tau} g_{t-\\tau}",
    ),
    (
        "002",
        "\\hat{m}_t = \\frac{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau} g_{t-\\tau}}{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau}}",
    ),
    ("002", "q_t = \\nabla \\mathcal{L}(\\mathbf{w}_t) + r_t"),
    (
        "002",
        "\\hat{m}_t = \\nabla \\mathcal{L}(\\mathbf{w}_t) + \\frac{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau} r_{t-\\tau}}{\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau}}",
    ),
    ("002", "\\mathbb{E}[\\hat{m}_t] = \\nabla \\mathcal{L}(\\mathbf{w}_t)"),
    (
        "002",
        "\\text{Var}(\\hat{m}_t) = \\frac{\\sum_{\\tau=0}^{t-1} \\beta_1^{2\\tau} \\, \\mathbb{E}[r_{t-\\tau}^2]}{(\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau})^2}",
    ),
    (
        "002",
        "\\frac{\\sum_{\\tau=0}^{t-1} \\beta_1^{2\\tau} \\, \\mathbb{E}[r_{t-\\tau}^2]}{(\\sum_{\\tau=0}^{t-1} \\beta_1^{\\tau})^2} = \\sigma^2 \\frac{(1-\\beta_1)(1-\\beta_1^{2t-1})}{(1-\\beta_1^2)(1-\\beta_1^t)^2}",
    ),
    (
        "002",
        "\\sigma^2 \\frac{(1-\\beta_1)^2}{1-\\beta_1^2} = \\sigma^2 \\frac{1-\\beta_1}{1+\\beta_1}",
    ),
    ("002", "m_{t} = \\beta_{1} m_{t-1} + (1 - \\beta_{1}) g_{t}"),
    (
        "002",
        "\\beta_{1} m_{t-1} + (1 - \\beta_{1}) g_{t} = \\frac{N - 1}{N} m_{t-1} + \\frac{1}{N} g_{t}",
    ),
    ("002", "\\frac{(1-\\beta_1)^2}{1-\\beta_1^2} = \\frac{\\alpha^2}{2\\alpha - \\alpha^2}"),
    ("002", "\\frac{\\alpha^2}{2\\alpha - \\alpha^2} = \\frac{\\alpha}{2-\\alpha}"),
    ("002", "\\frac{\\alpha}{2-\\alpha} \\le \\alpha"),
    (
        "002",
        "\\frac{(1-\\beta_1)^2(1-\\beta_1^{2t-1})}{(1-\\beta_1^2)(1-\\beta_1^t)^2} \\le 4\\alpha",
    ),
    ("002", "4\\alpha = 4(1-\\beta)"),
    (
        "002",
        "\\mathbf{w}_{t+1}[i] = \\mathbf{w}_t[i] - \\eta_t \\frac{\\mathbf{g}_t[i]}{|\\mathbf{g}_t[i]|}",
    ),
    ("003", "G_{k} = G_{k-1} + \\nabla f(\\mathbf{x}k) \\odot \\nabla f(\\mathbf{x}_k)"),
    (
        "003",
        "\\mathbf{x}{k+1} = \\mathbf{x}_k - \\frac{\\eta}{\\sqrt{G_k + \\epsilon}} \\odot \\nabla f(\\mathbf{x}_k)",
    ),
    (
        "003",
        "G_k = \\rho G_{k-1} + (1-\\rho)(\\nabla f(\\mathbf{x}k) \\odot \\nabla f(\\mathbf{x}_k))",
    ),
    (
        "003",
        "\\mathbf{x}{k+1} = \\mathbf{x}_k - \\frac{\\eta}{\\sqrt{G_k + \\epsilon}} \\odot \\nabla f(\\mathbf{x}_k)",
    ),
    ("003", "\\mathbf{m}k = \\beta_1 \\mathbf{m}{k-1} + (1-\\beta_1)\\nabla f(\\mathbf{x}k)"),
    (
        "003",
        "\\mathbf{v}_k = \\beta_2 \\mathbf{v}{k-1} + (1-\\beta_2)(\\nabla f(\\mathbf{x}k) \\odot \\nabla f(\\mathbf{x}_k))",
    ),
    ("003", "\\hat{\\mathbf{m}}_k = \\frac{\\mathbf{m}_k}{1-\\beta_1^k}"),
    ("003", "\\hat{\\mathbf{v}}_k = \\frac{\\mathbf{v}_k}{1-\\beta_2^k}"),
    (
        "003",
        "\\mathbf{x}{k+1} = \\mathbf{x}_k - \\frac{\\eta}{\\sqrt{\\hat{\\mathbf{v}}_k} + \\epsilon} \\hat{\\mathbf{m}}_k",
    ),
    (
        "003",
        "x_i^{(k+1)} = x_i^{(k)} - \\eta \\cdot \\frac{\\hat{m}_i^{(k)}}{\\sqrt{\\hat{v}_i^{(k)}} + \\epsilon}",
    ),
    ("004", "y = \\frac{1}{1 + e^{-(w^T x + b)}}"),
    ("004", "\\nabla w^1 = (f(x) - y) * f(x) * (1 - f(x)) * x^1"),
    ("004", "\\nabla w^2 = (f(x) - y) * f(x) * (1 - f(x)) * x^2"),
    ("004", "\\nabla w^2 = \\sum_{i=1}^n (f(x) - y) * f(x) * (1 - f(x)) x_i^2"),
    ("004", "v_t = v_{t-1} + (\\nabla w_t)^2"),
    ("004", "w_{t+1} = w_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} * \\nabla w_t"),
    ("004", "b_{t+1} = b_t - \\frac{\\eta}{\\sqrt{v_t} + \\epsilon} * \\nabla b_t"),
    ("004", "v_0 = (\\nabla w)^2"),
    ("004", "v_1 = (\\nabla w_0)^2 + (\\nabla w_1)^2"),
    ("004", "v_n = \\sum_{i=0}^n (\\nabla w_i)^2"),
    ("004", "\\nabla w = (f(x) - y) * f(x) * (1 - f(x)) * x"),
    ("004", "v_0 = (\\nabla b_0)^2"),
    ("004", "v_1 = (\\nabla b_0)^2 + (\\nabla b_1)^2"),
    ("004", "v_n = \\sum_{i=0}^n (\\nabla b_i)^2"),
    ("004", "\\nabla b = (f(x) - y) * f(x) * (1 - f(x))"),
    ("004", "v_t = v_{t-1} + (\\nabla w_t)^2"),
    ("004", "\\frac{\\eta_0}{\\sqrt{v_0 + \\epsilon}} = \\frac{0.1}{\\sqrt{0.019}}"),
    ("004", "\\frac{0.1}{\\sqrt{0.019}} = 0.72"),
    ("004", "v_t = v_{t-1} + (\\nabla b_t)^2"),
    ("004", "v_t = \\beta v_t + (1 - \\beta) \\nabla w_t^2"),
    ("004", "w_{t+1} = w_t - \\frac{\\eta}{\\sqrt{v_t + \\epsilon}} \\nabla w_t"),
    ("004", "v_t = v_{t-1} + \\nabla b_t^2"),
    ("004", "v_0 = \\nabla b_0^2"),
    ("004", "v_1 = \\nabla b_0^2 + \\nabla b_1^2"),
    ("004", "v_2 = \\nabla b_0^2 + \\nabla b_1^2 + \\nabla b_2^2"),
    ("004", "\\nabla b = [(f(x) - y) * f(x) * (1 - f(x))]"),
    ("004", "v_t = \\beta v_{t-1} + (1 - \\beta) \\nabla b_t^2"),
    ("004", "v_0 = 0.1 \\nabla b_0^2"),
    ("004", "v_1 = 0.09 \\nabla b_0^2 + 0.1 \\nabla b_1^2"),
    ("004", "v_2 = 0.081 \\nabla b_0^2 + 0.09 \\nabla b_1^2 + 0.1 \\nabla b_2^2"),
    ("004", "v_t = (1 - \\beta) \\sum_{z=0}^t \\beta^{t-z} \\nabla b_z^2"),
    ("004", "v_t = \\beta v_{t-1} + (1-\\beta)(\\nabla w_t)^2"),
    (
        "004",
        "\\Delta w_t = - \\frac{\\sqrt{u_{t-1} + \\epsilon}}{\\sqrt{v_t + \\epsilon}} \\nabla w_t",
    ),
    ("004", "w_{t+1} = w_t + \\Delta w_t"),
    ("004", "u_t = \\beta u_{t-1} + (1-\\beta)(\\Delta w_t)^2"),
    ("004", "m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) \\nabla w"),
    ("004", "\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}"),
    ("004", "v_t = \\beta_2 v_{t-1} + (1 - \\beta_2) (\\nabla w_t)^2"),
    ("004", "\\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t}"),
    ("004", "w_{t+1} = w_t - \\frac{\\eta}{\\sqrt{\\hat{v}_t} + \\epsilon} \\hat{m}_t"),
    ("004", "\\beta_1 = 0.9"),
    ("004", "\\beta_2 = 0.999"),
    ("004", "m_0 = 0"),
    ("004", "m_1 = \\beta m_0 + (1-\\beta) \\nabla w_1"),
    ("004", "\\beta m_0 + (1-\\beta) \\nabla w_1 = (1-\\beta) \\nabla w_1"),
    ("004", "m_2 = \\beta m_1 + (1-\\beta) \\nabla w_2"),
    (
        "004",
        "\\beta m_1 + (1-\\beta) \\nabla w_2 = \\beta(1-\\beta) \\nabla w_1 + (1-\\beta) \\nabla w_2",
    ),
    (
        "004",
        "\\beta(1-\\beta) \\nabla w_1 + (1-\\beta) \\nabla w_2 = (1-\\beta)(\\beta \\nabla w_1 + \\nabla w_2)",
    ),
    ("004", "m_3 = (1-\\beta) \\sum_{z=1}^3 \\beta^{3-z} \\nabla w_z"),
    ("004", "m_t = (1-\\beta) \\sum_{z=1}^t \\beta^{t-z} \\nabla w_z"),
    ("004", "E[m_t] = E\\left[(1-\\beta) \\sum_{z=1}^t \\beta^{t-z} \\nabla w_z\\right]"),
    ("004", "E[m_t] = (1-\\beta) E\\left[\\sum_{z=1}^t \\beta^{t-z} \\nabla w_z\\right]"),
    ("004", "E[m_t] = (1-\\beta) \\sum_{z=1}^t \\beta^{t-z} E[\\nabla w_z]"),
    ("004", "E[m_t] = (1-\\beta) \\sum_{z=1}^t \\beta^{t-z} E[\\nabla w_z]"),
    ("004", "E[\\nabla w_z] = E[\\nabla w]"),
    ("004", "E[m_t] = E[\\nabla w] (1-\\beta) \\sum_{z=1}^t \\beta^{t-z}"),
    ("004", "E[m_t] = E[\\nabla w] (1-\\beta) \\frac{1-\\beta^t}{1-\\beta}"),
    ("004", "E[m_t] = E[\\nabla w] (1-\\beta^t)"),
    ("004", "E\\left[\\frac{m_t}{1-\\beta^t}\\right] = E[\\nabla w]"),
    ("004", "v_t = \\beta_2 v_{t-1} + (1-\\beta_2) (\\nabla w_t)^2"),
    ("004", "\\beta_2 = 0.999"),
    ("004", "\\nabla w_0 = 0.1"),
    ("004", "v_0 = 0.999 \\times 0 + 0.001 (0.1)^2"),
    ("004", "0.999 \\times 0 + 0.001 (0.1)^2 = 0.00001"),
    ("004", "\\eta_t = \\frac{1}{\\sqrt{0.00001}}"),
    ("004", "\\frac{1}{\\sqrt{0.00001}} = 316.22"),
    ("004", "v_t = 0.999 v_{t-1} + 0.001 (\\nabla w_t)^2"),
    ("004", "v = \\sqrt{0.00001}"),
    ("004", "v_2 = 0.999 * v_0 + 0.001 (0)^2"),
    ("004", "0.999 * v_0 + 0.001 (0)^2 = 0.0000099"),
    ("004", "\\eta_t = \\frac{1}{\\sqrt{0.000099}}"),
    ("004", "\\frac{1}{\\sqrt{0.000099}} = 316.38"),
    ("004", "1 = \\left(|x_1|^p + |x_2|^p \\right)^{\\frac{1}{p}}"),
    ("004", "1^p = |x_1|^p + |x_2|^p"),
    ("004", "1 = |x_1| + |x_2|"),
    # sums written with \dots (read since the ellipsis reading)
    (
        "002",
        "\\beta_{2} \\mathbf{v}_{t-1} + (1 - \\beta_{2}) g_{t}^{2} = \\beta_2^t \\mathbf{v}_0 + \\beta_2^{t-1} (1 - \\beta_2) g_1^2 + \\dots + \\beta_2 (1 - \\beta_2) g_{t-1}^2 + (1 - \\beta_2) g_t^2",
    ),
    ("004", "v_t = \\nabla b_0^2 + \\nabla b_1^2 + \\dots + \\nabla b_t^2"),
    (
        "004",
        "E[m_t] = E[\\nabla w] (1-\\beta) (\\beta^{t-1} + \\beta^{t-2} + \\dots + \\beta^0)",
    ),
    (
        "004",
        "L^p = \\left(|x_1|^p + |x_2|^p + |x_3|^p + \\dots + |x_n|^p \\right)^{\\frac{1}{p}}",
    ),
]


@pytest.mark.parametrize(("seed", "text"), READ)
def test_seed_relation_is_read(seed, text):
    links = split_relations(text)
    assert links, text
    for link in links:
        assert link.error is None, f"{seed}: {link.error}"
        assert link.lhs is not None
        assert link.rhs is not None
