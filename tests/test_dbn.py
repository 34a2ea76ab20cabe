"""dlnotes.dbn: greedy pre-training against RBMs trained by hand, the network twin, and the checks."""

import pytest
import torch
from torch import nn

from dlnotes.dbn import DBN, sigmoid_network
from dlnotes.rbm import RBM


def data() -> torch.Tensor:
    g = torch.Generator().manual_seed(0)
    return (torch.rand(40, 12, generator=g) < 0.3).float()


def test_pretrain_is_rbms_trained_one_after_another() -> None:
    """The oracle: RBM 1 fitted on X, RBM 2 fitted on RBM 1's hidden probabilities, by hand."""
    X, options = data(), dict(epochs=3, lr=0.1, batch_size=8, momentum=0.5, seed=4)
    dbn = DBN([12, 6, 3], seed=7, device="cpu")
    errors = dbn.pretrain(X, **options)
    first, second = RBM(12, 6, seed=7, device="cpu"), RBM(6, 3, seed=8, device="cpu")
    assert errors[0] == first.fit(X, **options)
    assert errors[1] == second.fit(first.transform(X), **options)
    for ours, theirs in zip(dbn.rbms, [first, second]):
        assert torch.equal(ours.W, theirs.W) and torch.equal(ours.c, theirs.c)
    assert torch.equal(dbn.transform(X), second.transform(first.transform(X)))
    assert torch.equal(dbn.transform(X, layer=1), first.transform(X))


def test_pretrain_shows_one_bar_per_rbm_or_none(capsys, monkeypatch) -> None:
    from dlnotes import progress

    monkeypatch.setattr(progress, "interactive", lambda: True)
    monkeypatch.setattr(progress, "DELAY", 0)
    DBN([12, 6, 3], device="cpu").pretrain(data(), epochs=2, batch_size=8)
    out, err = capsys.readouterr()
    assert out == "" and "RBM 12x6" in err and "RBM 6x3" in err
    DBN([12, 6, 3], device="cpu").pretrain(data(), epochs=2, batch_size=8, progress=False)
    assert capsys.readouterr() == ("", "")


def test_network_twin_computes_the_upward_pass_and_is_a_copy() -> None:
    dbn = DBN([12, 6, 3], device="cpu")
    dbn.pretrain(data(), epochs=2)
    net = dbn.to_network(n_classes=4, seed=1)
    with torch.no_grad():
        assert torch.allclose(net[:4](data()), dbn.transform(data()), atol=1e-6)
    # the supervised layer is the one a sigmoid_network from the same seed starts with
    assert torch.equal(net[4].weight, sigmoid_network([12, 6, 3], 4, seed=1)[4].weight)
    before = dbn.rbms[0].W.clone()
    loss = nn.functional.cross_entropy(net(data()), torch.zeros(40, dtype=torch.long))
    loss.backward()
    torch.optim.SGD(net.parameters(), lr=1.0).step()
    assert torch.equal(dbn.rbms[0].W, before)  # fine-tuning the network leaves the DBN alone


def test_sigmoid_network_repeats_with_its_seed_and_leaves_the_global_stream() -> None:
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    a, b = sigmoid_network([5, 4], 3, seed=2), sigmoid_network([5, 4], 3, seed=2)
    assert torch.equal(torch.rand(3), expected)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not torch.equal(a[0].weight, sigmoid_network([5, 4], 3, seed=3)[0].weight)


def test_parameters_live_on_the_chosen_device(device: torch.device) -> None:
    dbn = DBN([12, 6, 3], device=device)
    assert all(rbm.W.device.type == device.type for rbm in dbn.rbms)
    net = dbn.to_network(n_classes=2)
    assert next(net.parameters()).device.type == device.type
    assert dbn.transform(data().to(device)).device.type == device.type


@pytest.mark.parametrize(
    "sizes, error, match",
    [
        (64, TypeError, "sizes must be a sequence of ints"),
        ("64", TypeError, "sizes must be a sequence of ints"),
        ([64], ValueError, "at least two layers"),
        ([64, 0], ValueError, r"sizes\[1\] must be at least 1"),
        ([64, 32.0], TypeError, r"sizes\[1\] must be an int"),
    ],
)
def test_bad_sizes_are_explained(sizes: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        DBN(sizes)
    with pytest.raises(error, match=match):
        sigmoid_network(sizes, 10)


def test_other_checks() -> None:
    dbn = DBN([12, 6, 3], device="cpu")
    with pytest.raises(TypeError, match="seed must be an int"):
        DBN([12, 6], seed=1.5)
    with pytest.raises(ValueError, match="n_classes must be at least 2"):
        dbn.to_network(n_classes=1)
    with pytest.raises(ValueError, match="layer must be between 1 and 2"):
        dbn.transform(data(), layer=3)
    with pytest.raises(ValueError, match="layer must be at least 1"):
        dbn.transform(data(), layer=0)
    with pytest.raises(ValueError, match=r"V must have shape \(n, 12\), got \(40, 5\)"):
        dbn.pretrain(data()[:, :5], epochs=1)  # wrong feature count
    with pytest.raises(ValueError, match=r"every value in \[0, 1\]"):
        dbn.pretrain(data() * 3, epochs=1)
    with pytest.raises(ValueError, match="k must be at least 1"):
        dbn.pretrain(data(), k=0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'learning_rate'"):
        dbn.pretrain(data(), learning_rate=0.1)


def test_seed_must_be_an_int_in_range() -> None:
    dbn = DBN([12, 6], device="cpu")
    calls = [lambda seed: DBN([12, 6], seed=seed, device="cpu"), lambda seed: sigmoid_network([12, 6], 2, seed=seed),
             lambda seed: dbn.to_network(2, seed=seed)]
    for call in calls:
        for bad, got in (("1", "str"), (None, "NoneType"), (1.5, "float"), (True, "bool")):
            with pytest.raises(TypeError, match=f"^seed must be an int, got {got}$"):
                call(bad)
        with pytest.raises(ValueError, match=r"^seed must be in \[0, 4294967295\], got -1$"):
            call(-1)


def test_every_rbm_seed_must_be_in_range() -> None:
    top = 2**32 - 1
    assert DBN([4, 3], seed=top, device="cpu").rbms[0].W.shape == (4, 3)  # one RBM: seed + 0
    DBN([4, 3, 2], seed=top - 1, device="cpu")  # two RBMs: seed + 0 and seed + 1
    message = r"^seed must be at most 4294967294 for 2 RBMs \(RBM l starts from seed \+ l\), got 4294967295$"
    with pytest.raises(ValueError, match=message):
        DBN([4, 3, 2], seed=top, device="cpu")
