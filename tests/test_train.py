"""dlnotes.train: fit against a hand-written loop (the oracle), accuracy, and argument checks."""

import pytest
import torch
from torch import nn

from dlnotes import progress
from dlnotes.train import History, accuracy, fit


def _problem(device, n=90):
    torch.manual_seed(0)
    X = torch.randn(n, 2)
    y = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()  # 3 classes
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3))
    return model.to(device), X.to(device), y.to(device)


def test_full_batch_fit_is_the_textbook_loop(device) -> None:
    model, X, y = _problem(device)
    twin, _, _ = _problem(device)
    loss_fn = nn.CrossEntropyLoss()
    history = fit(model, X, y, loss_fn=loss_fn, optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=5)
    opt = torch.optim.SGD(twin.parameters(), lr=0.1)
    losses, accs = [], []
    for _ in range(5):
        scores = twin(X)
        loss = loss_fn(scores, y)
        losses.append(loss.item())
        accs.append((scores.argmax(1) == y).float().mean().item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert history.loss == pytest.approx(losses, abs=1e-6)
    assert history.accuracy == pytest.approx(accs, abs=1e-6)
    for p, q in zip(model.parameters(), twin.parameters()):
        assert torch.allclose(p, q, atol=1e-6)


def test_mini_batches_cover_every_sample_once_per_epoch(device) -> None:
    model, X, y = _problem(device, n=95)
    seen = []
    model.register_forward_hook(lambda m, inputs, out: seen.append(len(inputs[0])))
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1),
        epochs=2, batch_size=20)
    assert seen == [20, 20, 20, 20, 15] * 2


def test_mini_batch_runs_repeat_with_the_same_shuffle_seed(device) -> None:
    results = []
    for _ in range(2):
        model, X, y = _problem(device)
        h = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=torch.optim.Adam(model.parameters()),
                epochs=3, batch_size=16, shuffle_seed=3)
        results.append(h.loss)
    assert results[0] == results[1]


def test_regression_records_loss_only(device) -> None:
    torch.manual_seed(0)
    X = torch.randn(32, 1, device=device)
    model = nn.Linear(1, 1).to(device)
    h = fit(model, X, 3 * X, loss_fn=nn.MSELoss(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=30)
    assert h.accuracy == [] and h.loss[-1] < 0.01 * h.loss[0]


def test_validation_is_measured_each_epoch_and_does_not_change_training(device) -> None:
    runs = []
    for validation in [False, True]:
        model, X, y = _problem(device, n=120)
        Xv, yv = X[90:], y[90:]
        model.append(nn.Dropout(0.3))  # eval mode matters: dropout must be off when validating
        h = fit(model, X[:90], y[:90], loss_fn=nn.CrossEntropyLoss(), optimizer=torch.optim.Adam(model.parameters()),
                epochs=4, batch_size=16, validation=(Xv, yv) if validation else None)
        runs.append((h, model))
    (plain, _), (h, model) = runs
    assert h.loss == plain.loss and plain.val_loss == plain.val_accuracy == []
    assert len(h.val_loss) == len(h.val_accuracy) == 4 and model.training
    assert h.val_accuracy[-1] == accuracy(model, Xv, yv)
    with torch.no_grad():
        model.eval()
        assert h.val_loss[-1] == pytest.approx(nn.functional.cross_entropy(model(Xv), yv).item())


def test_regression_validation_records_loss_only(device) -> None:
    X = torch.randn(32, 1, device=device)
    model = nn.Linear(1, 1).to(device)
    h = fit(model, X, 3 * X, loss_fn=nn.MSELoss(), optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=3,
            validation=(X[:8], 3 * X[:8]))
    assert len(h.val_loss) == 3 and h.val_accuracy == []


def test_accuracy_restores_the_training_mode() -> None:
    model = nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5))
    model.train()
    accuracy(model, torch.zeros(4, 2), torch.zeros(4, dtype=torch.long))
    assert model.training


def test_progress_is_quiet_unless_asked(capsys, monkeypatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0)  # a long run: only "not interactive" keeps it quiet
    model, X, y = _problem("cpu")
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=opt, epochs=300)
    assert capsys.readouterr() == ("", "")  # stderr is not a terminal under pytest
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=opt, epochs=10, progress=True,
        validation=(X[:8], y[:8]))
    out, err = capsys.readouterr()
    assert out == "", "progress never goes to stdout"
    assert "10/10" in err and "loss" in err and "accuracy" in err and "val_accuracy" in err


def test_progress_false_turns_it_off_even_in_a_terminal(capsys, monkeypatch) -> None:
    monkeypatch.setattr(progress, "interactive", lambda: True)
    monkeypatch.setattr(progress, "DELAY", 0)
    model, X, y = _problem("cpu")
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=opt, epochs=5, progress=False)
    assert capsys.readouterr() == ("", "")
    fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=opt, epochs=5)
    assert "5/5" in capsys.readouterr().err, "None follows interactive()"


def _fit(model=None, X=None, y=None, **overrides):
    """fit on a small problem, with some arguments replaced."""
    good_model, good_X, good_y = _problem("cpu")
    kwargs = {"loss_fn": nn.CrossEntropyLoss(), "optimizer": torch.optim.SGD(good_model.parameters(), lr=0.1),
              "epochs": 1, **overrides}
    return fit(good_model if model is None else model, good_X if X is None else X,
               good_y if y is None else y, **kwargs)


@pytest.mark.parametrize(
    "overrides, error, message",
    [
        ({"epochs": 0}, ValueError, "epochs must be at least 1"),
        ({"epochs": 2.0}, TypeError, "epochs must be an int"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
        ({"optimizer": "sgd"}, TypeError, "optimizer must be a torch.optim.Optimizer"),
        ({"loss_fn": 3}, TypeError, "loss_fn must be callable"),
        ({"model": lambda x: x}, TypeError, "model must be a torch.nn.Module"),
        ({"X": [[0.0, 0.0]]}, TypeError, "X must be a torch.Tensor"),
        ({"y": [0] * 90}, TypeError, "^y must be a torch.Tensor, got list$"),
        ({"y": torch.zeros(5, dtype=torch.long)}, ValueError, "same length"),
        ({"X": torch.zeros(90, 2, device="meta")}, ValueError, "same device"),
        ({"validation": [torch.zeros(3, 2), torch.zeros(3, dtype=torch.long)]}, TypeError,
         "validation must be a tuple"),
        ({"validation": (torch.zeros(3, 2), torch.zeros(4, dtype=torch.long))}, ValueError, "same length"),
        ({"progress": "no"}, TypeError, "^progress must be True, False or None, got str$"),
        ({"progress": 0}, TypeError, "^progress must be True, False or None, got int$"),
    ],
)
def test_bad_arguments_are_explained(overrides, error, message) -> None:
    with pytest.raises(error, match=message):
        _fit(**overrides)


def test_model_and_data_on_different_devices() -> None:
    model = nn.Linear(2, 3).to("meta")
    with pytest.raises(ValueError, match="model is on meta but the data is on cpu"):
        fit(model, torch.zeros(4, 2), torch.zeros(4, dtype=torch.long), loss_fn=nn.CrossEntropyLoss(),
            optimizer=torch.optim.SGD(model.parameters(), lr=0.1), epochs=1)


def test_accuracy_needs_integer_labels() -> None:
    with pytest.raises(ValueError, match="1-D integer tensor"):
        accuracy(nn.Linear(2, 3), torch.zeros(4, 2), torch.zeros(4))


def test_history_starts_empty() -> None:
    assert History().loss == [] and History().accuracy == []


def test_shuffle_seed_must_be_an_int() -> None:
    for bad, got in (("1", "str"), (None, "NoneType"), (1.0, "float"), (True, "bool")):
        with pytest.raises(TypeError, match=f"^shuffle_seed must be an int, got {got}$"):
            _fit(shuffle_seed=bad, batch_size=10)
    with pytest.raises(ValueError, match=r"^shuffle_seed must be in \[0, 4294967295\], got -1$"):
        _fit(shuffle_seed=-1, batch_size=10)
