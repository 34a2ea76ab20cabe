"""Restricted Boltzmann machine (RBM) with binary visible and hidden units.

Two layers, visible ``v`` (``n_visible`` units) and hidden ``h`` (``n_hidden``
units), every visible unit joined to every hidden unit and none within a layer
(a bipartite graph). One weight matrix ``W`` serves both directions; the visible
bias is ``b`` and the hidden bias ``c``. The energy of a joint state is

    E(v, h) = −bᵀv − cᵀh − vᵀWh,      p(v, h) = exp(−E(v, h)) / Z,

and because no two units of one layer are joined, both conditionals factorise
into sigmoids:

    p(h_j = 1 | v) = σ(c_j + Σ_i v_i W_ij),   p(v_i = 1 | h) = σ(b_i + Σ_j W_ij h_j).

Training follows scikit-learn's ``BernoulliRBM``: the positive phase uses the
hidden probabilities of the data, the negative phase a Gibbs chain, started at
the data (contrastive divergence, CD-k) or kept from one mini-batch to the next
(persistent CD).

Explained in the chapter "Restricted Boltzmann machines" (docs/rbm.md).
"""

import torch
import torch.nn.functional as F

from dlnotes._checks import check_count, check_nonnegative, check_seed, check_tensor
from dlnotes.device import get_device
from dlnotes.progress import progress_bar


def _as_matrix(name: str, x: object, width: int, device: torch.device, *, binary: bool = False) -> torch.Tensor:
    """Return ``x`` as a float32 ``(n, width)`` tensor on ``device``, or raise."""
    check_tensor(name, x)
    if x.is_complex():
        raise TypeError(f"{name} must be real, got dtype {x.dtype}")
    if x.dim() != 2 or x.shape[1] != width:
        raise ValueError(f"{name} must have shape (n, {width}), got {tuple(x.shape)}")
    x = x.detach().to(device=device, dtype=torch.float32)
    if binary:
        if not bool(((x == 0) | (x == 1)).all()):
            raise ValueError(f"{name} must be binary (every value 0 or 1)")
    elif not bool(((x >= 0) & (x <= 1)).all()):  # also rejects NaN
        raise ValueError(f"{name} must have every value in [0, 1]")
    return x


def _bernoulli(p: torch.Tensor, generator: torch.Generator | None) -> torch.Tensor:
    """Draw binary samples with probabilities ``p``; the uniforms come from the CPU."""
    u = torch.rand(p.shape, generator=generator)
    return (u.to(p.device) < p).to(p.dtype)


class RBM:
    """A restricted Boltzmann machine with binary units (plain tensors, no autograd).

    Args:
        n_visible: number of visible units, at least 1.
        n_hidden: number of hidden units, at least 1.
        seed: seed for the initial weights, ``W_ij ~ N(0, 0.01²)`` drawn on the CPU.
        device: where the parameters live; ``None`` means
            [get_device][dlnotes.device.get_device].

    Attributes:
        W: weights of shape ``(n_visible, n_hidden)``, shared by both directions.
        b: visible bias of shape ``(n_visible,)``, starts at 0.
        c: hidden bias of shape ``(n_hidden,)``, starts at 0.

    Examples:
        >>> rbm = RBM(6, 4, seed=0)
        >>> tuple(rbm.W.shape), rbm.b.tolist() == [0.0] * 6
        ((6, 4), True)
        >>> v = torch.ones(2, 6)
        >>> tuple(rbm.hidden_probs(v).shape)
        (2, 4)
    """

    def __init__(
        self, n_visible: int, n_hidden: int, *, seed: int = 0, device: torch.device | str | None = None
    ) -> None:
        check_count("n_visible", n_visible)
        check_count("n_hidden", n_hidden)
        check_seed("seed", seed)
        self.n_visible, self.n_hidden = n_visible, n_hidden
        self.device = get_device() if device is None else torch.device(device)
        generator = torch.Generator().manual_seed(seed)
        self.W = (0.01 * torch.randn(n_visible, n_hidden, generator=generator)).to(self.device)
        self.b = torch.zeros(n_visible, device=self.device)
        self.c = torch.zeros(n_hidden, device=self.device)

    # ---- the model ---------------------------------------------------------------
    def hidden_probs(self, v: torch.Tensor) -> torch.Tensor:
        """Return ``p(h_j = 1 | v) = σ(c_j + Σ_i v_i W_ij)`` for each row of ``v``.

        Args:
            v: visible states ``(n, n_visible)``, values in ``[0, 1]``.

        Returns:
            Hidden probabilities ``(n, n_hidden)``.

        Examples:
            >>> rbm = RBM(3, 2)
            >>> rbm.hidden_probs(torch.zeros(1, 3)).tolist()   # c = 0, so σ(0)
            [[0.5, 0.5]]
        """
        v = _as_matrix("v", v, self.n_visible, self.device)
        return torch.sigmoid(v @ self.W + self.c)

    def visible_probs(self, h: torch.Tensor) -> torch.Tensor:
        """Return ``p(v_i = 1 | h) = σ(b_i + Σ_j W_ij h_j)`` for each row of ``h``.

        Args:
            h: hidden states ``(n, n_hidden)``, values in ``[0, 1]``.

        Returns:
            Visible probabilities ``(n, n_visible)``.

        Examples:
            >>> rbm = RBM(3, 2)
            >>> rbm.visible_probs(torch.zeros(1, 2)).tolist()
            [[0.5, 0.5, 0.5]]
        """
        h = _as_matrix("h", h, self.n_hidden, self.device)
        return torch.sigmoid(h @ self.W.T + self.b)

    def energy(self, v: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        """Return the energy ``E(v, h) = −bᵀv − cᵀh − vᵀWh`` of each pair of rows.

        Args:
            v: visible states ``(n, n_visible)``, values in ``[0, 1]``.
            h: hidden states ``(n, n_hidden)``, values in ``[0, 1]``.

        Returns:
            Energies ``(n,)``.

        Examples:
            >>> rbm = RBM(2, 1)
            >>> _ = rbm.W.fill_(1.0), rbm.b.fill_(0.5), rbm.c.fill_(-1.0)
            >>> rbm.energy(torch.tensor([[1.0, 1.0]]), torch.tensor([[1.0]])).tolist()  # −1 + 1 − 2
            [-2.0]
        """
        v = _as_matrix("v", v, self.n_visible, self.device)
        h = _as_matrix("h", h, self.n_hidden, self.device)
        if len(v) != len(h):
            raise ValueError(f"v and h must have the same number of rows, got {len(v)} and {len(h)}")
        return -(v @ self.b) - (h @ self.c) - ((v @ self.W) * h).sum(dim=1)

    def free_energy(self, v: torch.Tensor) -> torch.Tensor:
        """Return the free energy ``F(v) = −log Σ_h exp(−E(v, h))`` of each row of ``v``.

        Summing the binary ``h`` out gives ``F(v) = −bᵀv − Σ_j softplus(c_j + (vW)_j)``,
        so that ``p(v) = exp(−F(v)) / Z``.

        Args:
            v: visible states ``(n, n_visible)``, values in ``[0, 1]``.

        Returns:
            Free energies ``(n,)``.

        Examples:
            >>> rbm = RBM(3, 2)
            >>> _ = rbm.W.zero_()
            >>> round(rbm.free_energy(torch.zeros(1, 3)).item(), 4)   # −2 log 2
            -1.3863
        """
        v = _as_matrix("v", v, self.n_visible, self.device)
        return -(v @ self.b) - F.softplus(v @ self.W + self.c).sum(dim=1)

    def gibbs(self, v: torch.Tensor, k: int = 1, generator: torch.Generator | None = None) -> torch.Tensor:
        """Run ``k`` steps of block Gibbs sampling ``v → h → v`` and return the last ``v``.

        Each step samples ``h ~ p(h | v)`` and then ``v ~ p(v | h)``; the uniform
        numbers are drawn on the CPU from ``generator`` (torch's global generator if
        ``None``), so a seeded generator repeats on every device.

        Args:
            v: starting visible states ``(n, n_visible)``, values in ``[0, 1]``.
            k: number of steps, at least 1.
            generator: a CPU ``torch.Generator`` or ``None``.

        Returns:
            Binary visible samples ``(n, n_visible)``.

        Examples:
            >>> rbm = RBM(5, 3)
            >>> out = rbm.gibbs(torch.ones(4, 5), k=2, generator=torch.Generator().manual_seed(0))
            >>> tuple(out.shape), set(out.flatten().tolist()) <= {0.0, 1.0}
            ((4, 5), True)
        """
        v = _as_matrix("v", v, self.n_visible, self.device)
        check_count("k", k)
        _check_generator(generator)
        for _ in range(k):
            h = _bernoulli(torch.sigmoid(v @ self.W + self.c), generator)
            v = _bernoulli(torch.sigmoid(h @ self.W.T + self.b), generator)
        return v

    # ---- training ----------------------------------------------------------------
    def fit(
        self,
        V: torch.Tensor,
        *,
        epochs: int = 10,
        lr: float = 0.1,
        batch_size: int = 10,
        k: int = 1,
        persistent: bool = False,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        seed: int = 0,
        progress: bool | None = None,
    ) -> list[float]:
        """Train by contrastive divergence (CD-k) or persistent CD and return the errors.

        For each mini-batch ``V_B`` of ``n_B`` rows (taken in order, not shuffled,
        as scikit-learn does) the gradient of the mean log-likelihood is estimated as

            ΔW = (V_Bᵀ P(h|V_B) − Ṽᵀ P(h|Ṽ)) / n_B,
            Δb = mean(V_B) − mean(Ṽ),   Δc = mean(P(h|V_B)) − mean(P(h|Ṽ)),

        where ``Ṽ`` are "negative" visible samples after ``k`` Gibbs steps started
        from the batch (CD-k) or from a persistent chain of ``batch_size`` rows that
        starts at ``h = 0`` and carries on between batches (PCD; with ``k=1`` this
        is scikit-learn's ``BernoulliRBM`` update). The update is
        ``velocity ← momentum·velocity + ΔW − weight_decay·W`` and
        ``W ← W + lr·velocity`` (biases alike, without decay).

        Args:
            V: training data ``(n, n_visible)``, values in ``[0, 1]`` (binary or
                probabilities, as in scikit-learn).
            epochs: passes over the data, at least 1.
            lr: learning rate, > 0.
            batch_size: rows per mini-batch, at least 1.
            k: Gibbs steps per update, at least 1.
            persistent: keep the chain between mini-batches (PCD) instead of
                restarting it at the data (CD).
            momentum: in ``[0, 1)``.
            weight_decay: L2 penalty on ``W``, ``>= 0``.
            seed: seed of the CPU generator for all sampling.
            progress: show a progress bar (epochs, reconstruction error): a
                widget in Jupyter and Colab, a line on stderr in a terminal.
                ``True`` shows it at once; ``None`` when ``dlnotes.progress.interactive()``
                once the run has lasted half a second; ``False`` turns it off.

        Returns:
            The reconstruction error after each epoch: the mean over all pixels of
            ``(V − reconstruct(V))²``.

        Examples:
            >>> V = torch.tensor([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]]).repeat(10, 1)
            >>> errors = RBM(4, 2, seed=0, device="cpu").fit(V, epochs=30, lr=0.5, batch_size=4)
            >>> errors[-1] < errors[0]
            True
        """
        V = _as_matrix("V", V, self.n_visible, self.device)
        check_count("epochs", epochs)
        check_count("batch_size", batch_size)
        check_count("k", k)
        check_nonnegative("lr", lr)
        if not lr > 0:
            raise ValueError(f"lr must be > 0, got {lr}")
        check_nonnegative("momentum", momentum)
        if not momentum < 1:
            raise ValueError(f"momentum must be < 1, got {momentum}")
        check_nonnegative("weight_decay", weight_decay)
        if not isinstance(persistent, bool):
            raise TypeError(f"persistent must be a bool, got {type(persistent).__name__}")
        check_seed("seed", seed)
        bar = progress_bar(epochs, f"RBM {self.n_visible}x{self.n_hidden}", progress)
        uniforms = _Uniforms(torch.Generator().manual_seed(seed), self.device)

        def sample(p: torch.Tensor) -> torch.Tensor:  # 1.0 where u < p, u ~ U(0, 1) from the CPU
            return torch.gt(p, uniforms.take(p.shape), out=torch.empty_like(p))

        # At these sizes the time goes to dispatching operations, not to arithmetic,
        # so the update is written as few operations as possible. Stack the data and
        # the negative samples, X = [V_B; Ṽ], their hidden probabilities H, and the
        # signs s = [+1/n_B, …; −1/n_B, …]; then the three formulas above are
        # ΔW = Xᵀ diag(s) H,  Δb = Xᵀ s,  Δc = Hᵀ s.
        W, Wt, b, c = self.W, self.W.T, self.b, self.c  # Wt is a view: it follows W
        vW, vb, vc = torch.zeros_like(W), torch.zeros_like(b), torch.zeros_like(c)
        plain = momentum == 0 and weight_decay == 0
        chain = torch.zeros(batch_size, self.n_hidden, device=self.device)  # PCD: h of the chain
        batches = [V[start : start + batch_size] for start in range(0, len(V), batch_size)]
        signs: dict[tuple[int, int], tuple[torch.Tensor, torch.Tensor]] = {}
        errors = []
        with torch.inference_mode(), bar:
            for _ in range(epochs):
                for v_pos in batches:
                    n = len(v_pos)
                    if persistent and k == 1:  # the chain does not depend on the batch: one product for both
                        v_neg = sample((chain @ Wt).add_(b).sigmoid_())
                        X = torch.cat([v_pos, v_neg])
                        H = (X @ W).add_(c).sigmoid_()
                        chain = sample(H[n:])
                    else:
                        h_pos = (v_pos @ W).add_(c).sigmoid_()
                        h = chain if persistent else sample(h_pos)
                        for step in range(k):
                            v_neg = sample((h @ Wt).add_(b).sigmoid_())
                            h_neg = (v_neg @ W).add_(c).sigmoid_()
                            if step < k - 1 or persistent:
                                h = sample(h_neg)
                        chain = h
                        X, H = torch.cat([v_pos, v_neg]), torch.cat([h_pos, h_neg])
                    m = len(X) - n
                    if (n, m) not in signs:  # s and, cached too, s as a column
                        s = torch.cat([torch.full((n,), 1 / n), torch.full((m,), -1 / n)]).to(self.device)
                        signs[n, m] = s, s[:, None]
                    s, s_column = signs[n, m]
                    SH = H.mul_(s_column)
                    if plain:
                        W.addmm_(X.T, SH, alpha=lr)
                        b.addmv_(X.T, s, alpha=lr)
                        c.add_(SH.sum(dim=0), alpha=lr)
                    else:
                        vW.mul_(momentum).addmm_(X.T, SH)
                        if weight_decay:  # subtracting 0·W would be a pass over W that changes nothing
                            vW.sub_(W, alpha=weight_decay)
                        vb.mul_(momentum).addmv_(X.T, s)
                        vc.mul_(momentum).add_(SH.sum(dim=0))
                        W.add_(vW, alpha=lr)
                        b.add_(vb, alpha=lr)
                        c.add_(vc, alpha=lr)
                errors.append((V - self.reconstruct(V)).pow(2).mean().item())
                if not bar.disable:
                    bar.set_postfix_str(f"error {errors[-1]:.4f}", refresh=False)
                bar.update()
        return errors

    # ---- using a trained RBM -----------------------------------------------------
    def transform(self, V: torch.Tensor) -> torch.Tensor:
        """Return the features of ``V``: the hidden probabilities ``p(h = 1 | v)``, ``(n, n_hidden)``.

        Examples:
            >>> tuple(RBM(64, 100).transform(torch.zeros(3, 64)).shape)
            (3, 100)
        """
        return self.hidden_probs(V)

    def reconstruct(self, V: torch.Tensor) -> torch.Tensor:
        """Return ``visible_probs(hidden_probs(V))``, the mean-field reconstruction ``v′``, ``(n, n_visible)``.

        Examples:
            >>> tuple(RBM(4, 2).reconstruct(torch.ones(3, 4)).shape)
            (3, 4)
        """
        return self.visible_probs(self.hidden_probs(V))

    def pseudo_log_likelihood(self, V: torch.Tensor, seed: int = 0) -> torch.Tensor:
        """Return scikit-learn's stochastic pseudo-log-likelihood of each binary row of ``V``.

        One bit ``i`` per row is drawn at random (CPU generator seeded by ``seed``)
        and flipped, giving ``ṽ``; then

            PLL(v) ≈ n_visible · log σ(F(ṽ) − F(v)),

        which is ``n_visible · log p(v_i | v_rest)`` for that bit, the same as
        ``BernoulliRBM.score_samples``.

        Args:
            V: binary visible states ``(n, n_visible)``.
            seed: seed for the choice of the flipped bits.

        Returns:
            Values ``(n,)``, all ``<= 0``.

        Examples:
            >>> rbm = RBM(4, 2)
            >>> _ = rbm.W.zero_()
            >>> round(rbm.pseudo_log_likelihood(torch.ones(1, 4)).item(), 4)   # 4·log(1/2)
            -2.7726
        """
        V = _as_matrix("V", V, self.n_visible, self.device, binary=True)
        check_seed("seed", seed)
        generator = torch.Generator().manual_seed(seed)
        bits = torch.randint(self.n_visible, (len(V),), generator=generator).to(self.device)
        flipped = V.clone()
        rows = torch.arange(len(V), device=self.device)
        flipped[rows, bits] = 1 - flipped[rows, bits]
        return self.n_visible * F.logsigmoid(self.free_energy(flipped) - self.free_energy(V))


class _Uniforms:
    """Uniform numbers from a CPU generator, drawn in large blocks and handed out in order.

    The generator yields the same stream whether it is asked for 10 + 64 numbers
    or for 74 at once, so this gives exactly what one ``torch.rand`` call per
    sample would, with one call (and one copy to the device) per block.
    """

    def __init__(self, generator: torch.Generator, device: torch.device, block: int = 1 << 16) -> None:
        self.generator, self.device, self.block = generator, device, block
        self.buffer, self.position = torch.empty(0, device=device), 0

    def take(self, shape: torch.Size) -> torch.Tensor:
        count = shape.numel()
        if self.position + count > len(self.buffer):
            fresh = torch.rand(max(self.block, count), generator=self.generator).to(self.device)
            self.buffer, self.position = torch.cat([self.buffer[self.position :], fresh]), 0
        out = self.buffer[self.position : self.position + count].view(shape)
        self.position += count
        return out


def _check_generator(generator: object) -> None:
    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator or None, got {type(generator).__name__}")
    if generator is not None and generator.device.type != "cpu":
        raise ValueError(f"generator must be a CPU generator, got one on {generator.device}")


def nudge(images: torch.Tensor) -> torch.Tensor:
    """Return the 8×8 images followed by their copies shifted by one pixel up, left, right and down.

    This is scikit-learn's ``nudge_dataset`` from its RBM example: five times the
    data, the vacated row or column filled with 0. Labels follow with
    ``y.repeat(5)``.

    Args:
        images: ``(n, 64)`` or ``(n, 8, 8)``.

    Returns:
        ``(5n, 64)`` or ``(5n, 8, 8)`` (the input's layout): the originals, then the
        shifts up, left, right and down.

    Examples:
        >>> x = torch.zeros(1, 8, 8); x[0, 3, 4] = 1.0
        >>> out = nudge(x)
        >>> [tuple(i.tolist() for i in torch.nonzero(img)[0]) for img in out]
        [(3, 4), (2, 4), (3, 3), (3, 5), (4, 4)]
    """
    check_tensor("images", images)
    flat = images.dim() == 2
    if not ((flat and images.shape[1] == 64) or (images.dim() == 3 and tuple(images.shape[1:]) == (8, 8))):
        raise ValueError(f"images must have shape (n, 64) or (n, 8, 8), got {tuple(images.shape)}")
    x = images.reshape(-1, 8, 8)
    up, left, right, down = (torch.zeros_like(x) for _ in range(4))
    up[:, :-1] = x[:, 1:]
    down[:, 1:] = x[:, :-1]
    left[:, :, :-1] = x[:, :, 1:]
    right[:, :, 1:] = x[:, :, :-1]
    out = torch.cat([x, up, left, right, down])
    return out.reshape(-1, 64) if flat else out
