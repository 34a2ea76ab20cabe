"""Deep belief network (DBN): restricted Boltzmann machines stacked and trained greedily.

A DBN with layer sizes ``n_0, n_1, …, n_L`` is a stack of ``L`` RBMs; RBM ``l``
has ``n_{l-1}`` visible and ``n_l`` hidden units. Greedy layer-wise
pre-training trains RBM 1 on the data, then RBM ``l`` on the hidden
probabilities of RBM ``l − 1``:

    V_0 = X,   RBM_l.fit(V_{l−1}),   V_l = p(h | V_{l−1}) = σ(V_{l−1} W_l + c_l).

The upward pass ``V_L`` is a feature map, and it is exactly the forward pass of a
sigmoid network whose layer ``l`` has weight ``W_lᵀ`` and bias ``c_l``. Putting a
supervised layer on top of that network and training all of it with
back-propagation is fine-tuning.

Explained in the chapter "Deep belief networks" (docs/dbn.md).
"""

from collections.abc import Sequence

import torch
from torch import nn

from dlnotes._checks import MAX_SEED, check_count, check_seed
from dlnotes.device import get_device
from dlnotes.rbm import RBM


def _check_sizes(sizes: object) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes must be a sequence of ints such as [64, 256, 256], got {type(sizes).__name__}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must name at least two layers (input and one hidden), got {list(sizes)}")
    for i, size in enumerate(sizes):
        check_count(f"sizes[{i}]", size)
    return list(sizes)


def sigmoid_network(sizes: Sequence[int], n_classes: int, *, seed: int = 0) -> nn.Sequential:
    """Return the DBN's feed-forward twin: ``Linear → Sigmoid`` per layer, then a ``Linear`` to the classes.

    For ``sizes = [n_0, …, n_L]`` the network maps ``(batch, n_0)`` to
    ``(batch, n_classes)`` scores:

        a_0 = x,   a_l = σ(a_{l−1} W_l + c_l),   scores = a_L Uᵀ + d,

    with ``W_l`` of shape ``(n_{l−1}, n_l)`` as in the RBMs (``nn.Linear`` stores ``W_lᵀ``).

    The weights start as PyTorch's default initialisation, drawn on the CPU
    from ``seed``, so the same seed gives the same network on every device;
    move it with ``.to(device)``.

    Args:
        sizes: layer widths, input first, at least two.
        n_classes: number of output scores, at least 2.
        seed: seed for the initial weights.

    Examples:
        >>> net = sigmoid_network([64, 32, 16], n_classes=10)
        >>> net
        Sequential(
          (0): Linear(in_features=64, out_features=32, bias=True)
          (1): Sigmoid()
          (2): Linear(in_features=32, out_features=16, bias=True)
          (3): Sigmoid()
          (4): Linear(in_features=16, out_features=10, bias=True)
        )
    """
    sizes = _check_sizes(sizes)
    check_count("n_classes", n_classes, low=2)
    check_seed("seed", seed)
    state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        layers: list[nn.Module] = []
        for n_in, n_out in zip(sizes, sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.Sigmoid()]
        layers.append(nn.Linear(sizes[-1], n_classes))
    finally:
        torch.random.set_rng_state(state)  # the caller's random stream is left as it was
    return nn.Sequential(*layers)


class DBN:
    """A deep belief network: a stack of [RBM][dlnotes.rbm.RBM]s, trained one layer at a time.

    Args:
        sizes: layer widths ``[n_0, n_1, …, n_L]``, the input first; ``L >= 1`` RBMs.
        seed: RBM ``l`` (counting from 0) starts from ``seed + l``, which must be
            in ``[0, 2**32 - 1]`` for every ``l``.
        device: where the parameters live; ``None`` means
            [get_device][dlnotes.device.get_device].

    Attributes:
        rbms: the RBMs, bottom first; ``rbms[l].W`` has shape ``(n_l, n_{l+1})``.

    Examples:
        >>> dbn = DBN([64, 32, 16])
        >>> [tuple(rbm.W.shape) for rbm in dbn.rbms]
        [(64, 32), (32, 16)]
        >>> tuple(dbn.transform(torch.zeros(5, 64)).shape)
        (5, 16)
    """

    def __init__(self, sizes: Sequence[int], *, seed: int = 0, device: torch.device | str | None = None) -> None:
        self.sizes = _check_sizes(sizes)
        check_seed("seed", seed)
        last = len(self.sizes) - 2  # the top RBM's index, which starts from seed + last
        if seed + last > MAX_SEED:
            raise ValueError(
                f"seed must be at most {MAX_SEED - last} for {last + 1} RBMs (RBM l starts from seed + l), got {seed}"
            )
        self.device = get_device() if device is None else torch.device(device)
        self.rbms = [
            RBM(n_in, n_out, seed=seed + l, device=self.device)
            for l, (n_in, n_out) in enumerate(zip(self.sizes, self.sizes[1:]))
        ]

    def pretrain(self, X: torch.Tensor, **fit_options: object) -> list[list[float]]:
        """Greedy layer-wise pre-training: fit each RBM on the hidden probabilities of the one below.

        RBM ``l`` is trained by [RBM.fit][dlnotes.rbm.RBM.fit] on
        ``V_l = p(h | V_{l−1})`` with ``V_0 = X``, after RBM ``l − 1`` has
        finished; the layers below are not changed again.

        Args:
            X: data ``(n, n_0)``, values in ``[0, 1]``.
            **fit_options: passed to every ``RBM.fit`` (``epochs``, ``lr``,
                ``batch_size``, ``k``, ``persistent``, ``momentum``,
                ``weight_decay``, ``seed``, ``progress``). Each RBM shows its
                own progress bar, labelled with its sizes (``RBM 64x256``);
                ``progress=False`` turns them off.

        Returns:
            For each RBM, bottom first, its reconstruction error after each epoch.

        Examples:
            >>> X = torch.tensor([[1.0, 1, 0, 0], [0.0, 0, 1, 1]]).repeat(10, 1)
            >>> errors = DBN([4, 3, 2], device="cpu").pretrain(X, epochs=20, lr=0.5, batch_size=4)
            >>> len(errors), len(errors[0]), errors[0][-1] < errors[0][0]
            (2, 20, True)
        """
        V = X
        errors = []
        for l, rbm in enumerate(self.rbms):
            errors.append(rbm.fit(V, **fit_options))
            if l < len(self.rbms) - 1:  # the top RBM's features are not needed here
                V = rbm.transform(V)
        return errors

    def transform(self, X: torch.Tensor, layer: int | None = None) -> torch.Tensor:
        """Return the upward pass ``V_l = σ(V_{l−1} W_l + c_l)`` up to ``layer`` (default: the top).

        Args:
            X: data ``(n, n_0)``, values in ``[0, 1]``.
            layer: ``1`` to ``L``; ``None`` means ``L``.

        Returns:
            Hidden probabilities ``(n, n_layer)``.

        Examples:
            >>> tuple(DBN([64, 32, 16]).transform(torch.zeros(3, 64), layer=1).shape)
            (3, 32)
        """
        top = len(self.rbms)
        if layer is None:
            layer = top
        check_count("layer", layer)
        if layer > top:
            raise ValueError(f"layer must be between 1 and {top} (this DBN has {top} RBMs), got {layer}")
        V = X
        for rbm in self.rbms[:layer]:
            V = rbm.transform(V)
        return V

    def to_network(self, n_classes: int, *, seed: int = 0) -> nn.Sequential:
        """Return [sigmoid_network][dlnotes.dbn.sigmoid_network] with its hidden layers set to the RBMs.

        Layer ``l`` gets weight ``W_lᵀ`` and bias ``c_l`` (the visible biases are
        not used), so the network's hidden activations equal
        [transform][dlnotes.dbn.DBN.transform]; the supervised layer on top
        keeps its initialisation from ``seed``, the same as a
        ``sigmoid_network`` built from that seed. The result is a copy on the
        DBN's device: training it does not change the DBN.

        Examples:
            >>> dbn = DBN([64, 32, 16], device="cpu")
            >>> net, x = dbn.to_network(n_classes=10), torch.rand(4, 64)
            >>> torch.allclose(net[:4](x), dbn.transform(x))
            True
        """
        net = sigmoid_network(self.sizes, n_classes, seed=seed).to(self.device)
        with torch.no_grad():
            for l, rbm in enumerate(self.rbms):
                net[2 * l].weight.copy_(rbm.W.T)
                net[2 * l].bias.copy_(rbm.c)
        return net
