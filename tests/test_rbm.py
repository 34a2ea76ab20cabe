"""dlnotes.rbm against brute-force enumeration and scikit-learn's BernoulliRBM (the oracles), and its checks."""

import itertools
import re

import numpy as np
import pytest
import torch

from dlnotes.data import load_digits
from dlnotes.rbm import RBM, nudge


def all_states(n: int) -> torch.Tensor:
    """Every binary vector of length n, (2^n, n)."""
    return torch.tensor(list(itertools.product([0.0, 1.0], repeat=n)))


def random_rbm(n_visible: int = 6, n_hidden: int = 4, seed: int = 0) -> RBM:
    """A tiny RBM on the CPU with weights and biases large enough to matter."""
    rbm = RBM(n_visible, n_hidden, seed=seed, device="cpu")
    g = torch.Generator().manual_seed(seed + 100)
    rbm.W = torch.randn(n_visible, n_hidden, generator=g)
    rbm.b = torch.randn(n_visible, generator=g)
    rbm.c = torch.randn(n_hidden, generator=g)
    return rbm


def exact_log_likelihood(rbm: RBM, V: torch.Tensor) -> float:
    """Mean log p(v) over the rows of V, log Z by enumerating all 2^(n_visible + n_hidden) states."""
    vs, hs = all_states(rbm.n_visible), all_states(rbm.n_hidden)
    pairs_v = vs.repeat_interleave(len(hs), dim=0)
    pairs_h = hs.repeat(len(vs), 1)
    log_z = torch.logsumexp(-rbm.energy(pairs_v, pairs_h).double(), dim=0)
    log_unnormalised = torch.stack(
        [torch.logsumexp(-rbm.energy(v.expand(len(hs), -1), hs).double(), dim=0) for v in V]
    )
    return (log_unnormalised - log_z).mean().item()


def tiny_data() -> torch.Tensor:
    """60 rows of two 6-pixel patterns, 5% of the bits flipped."""
    g = torch.Generator().manual_seed(0)
    patterns = torch.tensor([[1.0, 1, 1, 0, 0, 0], [0.0, 0, 0, 1, 1, 1]])
    V = patterns[torch.randint(2, (60,), generator=g)]
    flip = torch.rand(V.shape, generator=g) < 0.05
    return torch.where(flip, 1 - V, V)


def test_initial_parameters() -> None:
    rbm = RBM(64, 100, seed=3, device="cpu")
    assert rbm.W.shape == (64, 100) and rbm.b.shape == (64,) and rbm.c.shape == (100,)
    assert torch.equal(rbm.b, torch.zeros(64)) and torch.equal(rbm.c, torch.zeros(100))
    assert 0.009 < rbm.W.std().item() < 0.011
    assert torch.equal(rbm.W, RBM(64, 100, seed=3, device="cpu").W)  # the seed repeats
    assert not torch.equal(rbm.W, RBM(64, 100, seed=4, device="cpu").W)


def test_default_device_and_placement(device: torch.device) -> None:
    rbm = RBM(5, 3, seed=0)
    assert rbm.W.device.type == device.type
    assert torch.equal(rbm.W.cpu(), RBM(5, 3, seed=0, device="cpu").W)  # drawn on the CPU
    assert rbm.transform(torch.ones(2, 5)).device.type == device.type


def test_free_energy_is_minus_log_sum_over_hidden_states() -> None:
    rbm = random_rbm()
    vs, hs = all_states(6), all_states(4)
    for v in vs:
        brute = -torch.logsumexp(-rbm.energy(v.expand(len(hs), -1), hs).double(), dim=0)
        assert rbm.free_energy(v[None]).item() == pytest.approx(brute.item(), abs=1e-6)


def test_energy_formula() -> None:
    rbm = random_rbm()
    v, h = all_states(6)[37], all_states(4)[9]
    expected = -(rbm.b @ v) - (rbm.c @ h) - v @ rbm.W @ h
    assert rbm.energy(v[None], h[None]).item() == pytest.approx(expected.item(), abs=1e-6)


def test_conditionals_match_brute_force_marginals() -> None:
    rbm = random_rbm()
    vs, hs = all_states(6), all_states(4)
    for v in vs[::7]:
        weights = torch.exp(-rbm.energy(v.expand(len(hs), -1), hs).double())  # ∝ p(h | v)
        marginal = (weights[:, None] * hs).sum(dim=0) / weights.sum()
        assert torch.allclose(rbm.hidden_probs(v[None])[0].double(), marginal, atol=1e-6)
    for h in hs[::3]:
        weights = torch.exp(-rbm.energy(vs, h.expand(len(vs), -1)).double())  # ∝ p(v | h)
        marginal = (weights[:, None] * vs).sum(dim=0) / weights.sum()
        assert torch.allclose(rbm.visible_probs(h[None])[0].double(), marginal, atol=1e-6)


def test_cd1_raises_the_exact_log_likelihood() -> None:
    V = tiny_data()
    rbm = RBM(6, 4, seed=0, device="cpu")
    before = exact_log_likelihood(rbm, V)
    assert before == pytest.approx(-6 * np.log(2), abs=0.02)  # W ≈ 0: uniform over 2^6
    errors = rbm.fit(V, epochs=30, lr=0.1, batch_size=10, k=1)
    after = exact_log_likelihood(rbm, V)
    assert after - before > 1.0  # −4.158 → −2.912
    assert errors[-1] < errors[0]
    assert len(errors) == 30


@pytest.mark.parametrize("k, persistent", [(1, True), (3, False), (2, True)])
def test_cd_k_and_pcd_raise_the_exact_log_likelihood(k: int, persistent: bool) -> None:
    V = tiny_data()
    rbm = RBM(6, 4, seed=0, device="cpu")
    before = exact_log_likelihood(rbm, V)
    rbm.fit(V, epochs=30, lr=0.1, batch_size=10, k=k, persistent=persistent, momentum=0.5)
    assert exact_log_likelihood(rbm, V) - before > 1.0


def test_weight_decay_shrinks_the_weights() -> None:
    V = tiny_data()
    plain, decayed = RBM(6, 4, device="cpu"), RBM(6, 4, device="cpu")
    plain.fit(V, epochs=20, lr=0.1)
    decayed.fit(V, epochs=20, lr=0.1, weight_decay=0.1)
    assert decayed.W.abs().sum() < plain.W.abs().sum()


def textbook_fit(rbm: RBM, V: torch.Tensor, *, epochs, lr, batch_size, k, persistent, momentum, weight_decay, seed):
    """The update of RBM.fit's docstring, written plainly in float64; one torch.rand call per sample."""
    g = torch.Generator().manual_seed(seed)

    def sample(p: torch.Tensor) -> torch.Tensor:
        return (torch.rand(p.shape, generator=g).double() < p).double()

    W, b, c, V = rbm.W.double(), rbm.b.double(), rbm.c.double(), V.double()
    vW, vb, vc = torch.zeros_like(W), torch.zeros_like(b), torch.zeros_like(c)
    chain = torch.zeros(batch_size, rbm.n_hidden, dtype=torch.float64)
    for _ in range(epochs):
        for start in range(0, len(V), batch_size):
            v_pos = V[start : start + batch_size]
            h_pos = torch.sigmoid(v_pos @ W + c)
            h = chain if persistent else sample(h_pos)
            for step in range(k):
                v_neg = sample(torch.sigmoid(h @ W.T + b))
                h_neg = torch.sigmoid(v_neg @ W + c)
                if step < k - 1 or persistent:
                    h = sample(h_neg)
            chain, n = h, len(v_pos)
            vW = momentum * vW + (v_pos.T @ h_pos - v_neg.T @ h_neg) / n - weight_decay * W
            vb = momentum * vb + v_pos.sum(dim=0) / n - v_neg.sum(dim=0) / n
            vc = momentum * vc + h_pos.sum(dim=0) / n - h_neg.sum(dim=0) / n
            W, b, c = W + lr * vW, b + lr * vb, c + lr * vc
    return W, b, c


@pytest.mark.parametrize(
    "k, persistent, momentum, weight_decay",
    [(1, True, 0.0, 0.0), (1, False, 0.0, 0.0), (3, True, 0.5, 0.01), (2, False, 0.9, 0.0)],
)
def test_fit_is_the_textbook_update(k: int, persistent: bool, momentum: float, weight_decay: float) -> None:
    """The fast loop (stacked products, uniforms drawn in blocks) computes the plain formulas."""
    V = tiny_data()[:37]  # 37 rows: the last batch of 5 is short
    settings = dict(epochs=3, lr=0.1, batch_size=5, k=k, persistent=persistent, momentum=momentum,
                    weight_decay=weight_decay, seed=1)
    rbm = RBM(6, 4, seed=3, device="cpu")
    W, b, c = textbook_fit(rbm, V, **settings)
    rbm.fit(V, **settings)
    for fast, plain in [(rbm.W, W), (rbm.b, b), (rbm.c, c)]:
        assert torch.allclose(fast.double(), plain, atol=1e-6)


def test_fit_is_scikit_learns_update_given_its_random_numbers(monkeypatch) -> None:
    """Fed the random numbers BernoulliRBM draws (its initial weights, then per batch the
    uniforms for v and for h), persistent fit ends where scikit-learn's fit ends."""
    # imported here, not above: every test worker collects this module, and scikit-learn takes a second
    from sklearn.neural_network import BernoulliRBM

    import dlnotes.rbm

    X = nudge(load_digits()[0])[:1000]
    reference = BernoulliRBM(n_components=20, learning_rate=0.06, batch_size=10, n_iter=2, random_state=0)
    reference.fit(X.numpy())
    rng = np.random.RandomState(0)
    W0 = rng.normal(0, 0.01, (20, 64)).astype(np.float32)  # what BernoulliRBM.fit draws first

    class SklearnUniforms:  # float64 uniforms, compared as scikit-learn compares them
        def __init__(self, generator, device) -> None:
            pass

        def take(self, shape: torch.Size) -> torch.Tensor:
            return torch.as_tensor(rng.uniform(size=tuple(shape)))

    monkeypatch.setattr(dlnotes.rbm, "_Uniforms", SklearnUniforms)
    rbm = RBM(64, 20, device="cpu")
    rbm.W = torch.as_tensor(W0.T.copy())
    rbm.fit(X, epochs=2, lr=0.06, batch_size=10, persistent=True)
    assert np.abs(rbm.W.numpy().T - reference.components_).max() < 1e-5
    assert np.abs(rbm.b.numpy() - reference.intercept_visible_).max() < 1e-5
    assert np.abs(rbm.c.numpy() - reference.intercept_hidden_).max() < 1e-5


def test_fit_repeats_with_the_seed_and_accepts_probabilities() -> None:
    V = tiny_data() * 0.8 + 0.1  # probabilities, as scikit-learn allows
    a, b = RBM(6, 4, device="cpu"), RBM(6, 4, device="cpu")
    assert a.fit(V, epochs=3, seed=5) == b.fit(V, epochs=3, seed=5)
    assert torch.equal(a.W, b.W)


def test_pseudo_log_likelihood_matches_scikit_learn() -> None:
    from sklearn.neural_network import BernoulliRBM

    rbm = random_rbm(8, 5, seed=1)
    V = all_states(8)[::5]
    sk = BernoulliRBM(n_components=5, random_state=7)
    sk.components_ = rbm.W.T.double().numpy()
    sk.intercept_hidden_ = rbm.c.double().numpy()
    sk.intercept_visible_ = rbm.b.double().numpy()
    sk.n_features_in_ = 8
    theirs = sk.score_samples(V.double().numpy())
    bits = np.random.RandomState(7).randint(0, 8, len(V))  # the bits scikit-learn flipped
    flipped = V.clone()
    flipped[torch.arange(len(V)), torch.from_numpy(bits)] = 1 - flipped[torch.arange(len(V)), torch.from_numpy(bits)]
    formula = 8 * torch.nn.functional.logsigmoid(rbm.free_energy(flipped) - rbm.free_energy(V))
    assert np.allclose(formula.double().numpy(), theirs, atol=1e-5)
    # and our method, with its own bits, is n_visible · log p(v_i | rest) by brute force
    ours = rbm.pseudo_log_likelihood(V, seed=3)
    ours_bits = torch.randint(8, (len(V),), generator=torch.Generator().manual_seed(3))
    for row, i, value in zip(V, ours_bits.tolist(), ours.tolist()):
        other = row.clone()
        other[i] = 1 - other[i]
        f, f_other = rbm.free_energy(torch.stack([row, other])).double().tolist()
        p = np.exp(-f) / (np.exp(-f) + np.exp(-f_other))
        assert value == pytest.approx(8 * np.log(p), abs=1e-4)
    assert (ours <= 0).all()


def test_gibbs_samples_are_binary_and_repeat_with_the_generator() -> None:
    rbm = random_rbm()
    v = all_states(6)[:10]
    a = rbm.gibbs(v, k=5, generator=torch.Generator().manual_seed(0))
    b = rbm.gibbs(v, k=5, generator=torch.Generator().manual_seed(0))
    assert torch.equal(a, b) and a.shape == (10, 6)
    assert set(a.flatten().tolist()) <= {0.0, 1.0}


def test_long_gibbs_chains_sample_the_model_distribution() -> None:
    rbm = random_rbm(4, 3, seed=2)
    vs = all_states(4)
    free = rbm.free_energy(vs).double()
    p = torch.softmax(-free, dim=0)  # exact p(v)
    samples = rbm.gibbs(torch.zeros(20000, 4), k=30, generator=torch.Generator().manual_seed(0))
    codes = (samples @ torch.tensor([8.0, 4, 2, 1])).long()
    freq = torch.bincount(codes, minlength=16).double() / len(samples)
    assert (freq - p).abs().max().item() < 0.02


def test_transform_and_reconstruct() -> None:
    rbm = random_rbm()
    v = all_states(6)[:5]
    assert torch.equal(rbm.transform(v), rbm.hidden_probs(v))
    assert torch.equal(rbm.reconstruct(v), rbm.visible_probs(rbm.hidden_probs(v)))


def test_nudge_matches_scikit_learn_example() -> None:
    from scipy.ndimage import convolve

    g = torch.Generator().manual_seed(0)
    X = torch.rand(7, 64, generator=g)
    vectors = [
        [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
        [[0, 0, 0], [1, 0, 0], [0, 0, 0]],
        [[0, 0, 0], [0, 0, 1], [0, 0, 0]],
        [[0, 0, 0], [0, 0, 0], [0, 1, 0]],
    ]
    Xn = X.double().numpy()
    expected = np.concatenate(
        [Xn]
        + [
            np.apply_along_axis(lambda x, w=w: convolve(x.reshape(8, 8), mode="constant", weights=w).ravel(), 1, Xn)
            for w in vectors
        ]
    )
    assert np.allclose(nudge(X).double().numpy(), expected)
    assert nudge(X.reshape(7, 8, 8)).shape == (35, 8, 8)


# ---- argument checks -------------------------------------------------------------


@pytest.mark.parametrize(
    "args, kwargs, error, message",
    [
        ((0, 4), {}, ValueError, "n_visible must be at least 1, got 0"),
        ((6, 0), {}, ValueError, "n_hidden must be at least 1, got 0"),
        ((6.0, 4), {}, TypeError, "n_visible must be an int, got float"),
        ((6, True), {}, TypeError, "n_hidden must be an int, got bool"),
        ((6, 4), {"seed": 1.5}, TypeError, "seed must be an int, got float"),
        ((6, 4), {"seed": "1"}, TypeError, "seed must be an int, got str"),
        ((6, 4), {"seed": None}, TypeError, "seed must be an int, got NoneType"),
        ((6, 4), {"seed": -1}, ValueError, "seed must be in [0, 4294967295], got -1"),
    ],
)
def test_constructor_checks(args: tuple, kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        RBM(*args, **kwargs)


@pytest.mark.parametrize(
    "v, error, match",
    [
        ([[0.0] * 6], TypeError, "torch.Tensor"),
        (torch.zeros(2, 5), ValueError, r"shape \(n, 6\)"),
        (torch.zeros(6), ValueError, r"shape \(n, 6\)"),
        (torch.full((2, 6), 1.5), ValueError, r"\[0, 1\]"),
        (torch.full((2, 6), -0.1), ValueError, r"\[0, 1\]"),
        (torch.full((2, 6), float("nan")), ValueError, r"\[0, 1\]"),
        (torch.zeros(2, 6, dtype=torch.complex64), TypeError, "real"),
    ],
)
def test_visible_input_checks(v: object, error: type, match: str) -> None:
    rbm = RBM(6, 4, device="cpu")
    for method in (rbm.hidden_probs, rbm.free_energy, rbm.gibbs, rbm.transform, rbm.reconstruct, rbm.fit):
        with pytest.raises(error, match=match):
            method(v)


def test_hidden_and_energy_checks() -> None:
    rbm = RBM(6, 4, device="cpu")
    with pytest.raises(ValueError, match=r"shape \(n, 4\)"):
        rbm.visible_probs(torch.zeros(1, 6))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        rbm.visible_probs(torch.full((1, 4), 2.0))
    with pytest.raises(ValueError, match="same number of rows"):
        rbm.energy(torch.zeros(2, 6), torch.zeros(3, 4))


def test_pseudo_log_likelihood_needs_binary_data() -> None:
    rbm = RBM(6, 4, device="cpu")
    with pytest.raises(ValueError, match="binary"):
        rbm.pseudo_log_likelihood(torch.full((2, 6), 0.5))
    with pytest.raises(TypeError, match="^seed must be an int, got float$"):
        rbm.pseudo_log_likelihood(torch.zeros(2, 6), seed=0.5)
    with pytest.raises(TypeError, match="^seed must be an int, got str$"):
        rbm.pseudo_log_likelihood(torch.zeros(2, 6), seed="1")
    with pytest.raises(ValueError, match=r"^seed must be in \[0, 4294967295\], got 4294967296$"):
        rbm.pseudo_log_likelihood(torch.zeros(2, 6), seed=2**32)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"epochs": 0}, ValueError, "epochs must be at least 1, got 0"),
        ({"epochs": 2.0}, TypeError, "epochs must be an int, got float"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1, got 0"),
        ({"k": 0}, ValueError, "k must be at least 1, got 0"),
        ({"lr": 0.0}, ValueError, "lr must be > 0, got 0.0"),
        ({"lr": -0.1}, ValueError, "lr must be >= 0, got -0.1"),
        ({"lr": "0.1"}, TypeError, "lr must be a number, got str"),
        ({"momentum": 1.0}, ValueError, "momentum must be < 1, got 1.0"),
        ({"momentum": -0.5}, ValueError, "momentum must be >= 0, got -0.5"),
        ({"weight_decay": -1.0}, ValueError, "weight_decay must be >= 0, got -1.0"),
        ({"persistent": 1}, TypeError, "persistent must be a bool, got int"),
        ({"seed": None}, TypeError, "seed must be an int, got NoneType"),
        ({"seed": "1"}, TypeError, "seed must be an int, got str"),
        ({"seed": True}, TypeError, "seed must be an int, got bool"),
        ({"seed": 2**32}, ValueError, "seed must be in [0, 4294967295], got 4294967296"),
        ({"progress": "yes"}, TypeError, "progress must be True, False or None, got str"),
    ],
)
def test_fit_checks(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        RBM(6, 4, device="cpu").fit(torch.zeros(4, 6), **kwargs)


def test_gibbs_checks() -> None:
    rbm = RBM(6, 4, device="cpu")
    with pytest.raises(ValueError, match="k must be at least 1"):
        rbm.gibbs(torch.zeros(1, 6), k=0)
    with pytest.raises(TypeError, match="generator"):
        rbm.gibbs(torch.zeros(1, 6), generator=0)


def test_nudge_checks() -> None:
    with pytest.raises(TypeError, match="^images must be a torch.Tensor, got list$"):
        nudge([[0.0] * 64])
    with pytest.raises(ValueError, match=r"\(n, 64\) or \(n, 8, 8\)"):
        nudge(torch.zeros(3, 63))


def test_fit_shows_progress_on_stderr_when_asked_and_changes_nothing(capsys, monkeypatch) -> None:
    from dlnotes import progress

    monkeypatch.setattr(progress, "DELAY", 0)
    V = (torch.rand(30, 6, generator=torch.Generator().manual_seed(0)) < 0.5).float()
    quiet = RBM(6, 4, device="cpu").fit(V, epochs=4, batch_size=5)  # progress=None: not interactive here
    assert capsys.readouterr() == ("", "")
    shown = RBM(6, 4, device="cpu").fit(V, epochs=4, batch_size=5, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "RBM 6x4" in err and "4/4" in err and f"error {shown[-1]:.4f}" in err
    assert shown == quiet, "the bar does not change the training"
    monkeypatch.setattr(progress, "interactive", lambda: True)
    RBM(6, 4, device="cpu").fit(V, epochs=2, batch_size=5, progress=False)
    assert capsys.readouterr() == ("", ""), "progress=False wins over an interactive session"
