import math

import torch
from matplotlib.figure import Figure
from torch import nn

from dlnotes import get_device
from dlnotes.plot import COLORS, plot_decision_boundary
from dlnotes.train import accuracy, fit

device = get_device()
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]).to(device)
y = torch.tensor([0, 1, 1, 0]).to(device)  # XOR, as class labels

models, histories = {}, {}
for name, activation in [("no activation", nn.Identity()), ("ReLU", nn.ReLU())]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), activation, nn.Linear(8, 2))
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    histories[name] = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(),
                          optimizer=optimizer, epochs=300)
    models[name] = model

linear_loss = histories["no activation"].loss[-1]
relu_loss = histories["ReLU"].loss[-1]
print(f"no activation: loss {linear_loss:.3f}, ln 2 = {math.log(2):.3f}")
#> no activation: loss 0.693, ln 2 = 0.693
correct = round(4 * accuracy(models["ReLU"], X, y))
print(f"ReLU: loss {relu_loss:.3f}, {correct} of 4 correct")
#> ReLU: loss 0.000, 4 of 4 correct
assert abs(linear_loss - math.log(2)) < 1e-3
assert accuracy(models["no activation"], X, y) <= 0.75
assert correct == 4 and relu_loss < 1e-3

fig = Figure(figsize=(8, 3.6), layout="constrained")
left, right = fig.subplots(1, 2)
plot_decision_boundary(models["ReLU"], X, y, ax=left,
                       title="two layers with ReLU: XOR solved")
left.scatter(X[:, 0].cpu(), X[:, 1].cpu(), c=[COLORS[k] for k in y.tolist()],
             s=120, edgecolors="black")
for name, history in histories.items():
    right.plot(range(1, 301), history.loss, label=name)
right.axhline(math.log(2), color="gray", linestyle=":", label="ln 2")
right.set(xlabel="epoch", ylabel="cross-entropy loss", yscale="log",
          title="training loss")
right.legend()
