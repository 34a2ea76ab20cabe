import torch
from torch import nn

from dlnotes import get_device
from dlnotes.data import load_digits
from dlnotes.naive_bayes import GaussianNaiveBayes
from dlnotes.plot import plot_images
from dlnotes.train import accuracy, fit

device = get_device()
# 1797 images of 8 x 8 pixels in [0, 1], flattened to 64
X, y = load_digits(device=device)
g = torch.Generator().manual_seed(0)
order = torch.randperm(len(X), generator=g).to(device)
train, test = order[:1297], order[1297:]  # learn from 1297, test on 500

# Generative: P(x, y) = P(y) P(x | y), each pixel an independent Gaussian
# given the class; fitted in closed form (counts, means, variances).
bayes = GaussianNaiveBayes().fit(X[train], y[train])
# Discriminative: P(y | x) = softmax(W x + b), trained by gradient descent.
torch.manual_seed(0)
logistic = nn.Linear(64, 10).to(device)
optimizer = torch.optim.Adam(logistic.parameters(), lr=0.01)
fit(logistic, X[train], y[train], loss_fn=nn.CrossEntropyLoss(),
    optimizer=optimizer, epochs=300)

bayes_acc = accuracy(bayes, X[test], y[test])
logistic_acc = accuracy(logistic, X[test], y[test])
print(f"test accuracy: naive Bayes {bayes_acc:.3f}, "
      f"logistic regression {logistic_acc:.3f}")
#> test accuracy: naive Bayes 0.822, logistic regression 0.952
assert logistic_acc > bayes_acc > 0.75

# Only the generative model can make new data: draw a class, then each pixel.
X_new, y_new = bayes.sample(10, seed=0)
print("classes drawn:", y_new.tolist())
#> classes drawn: [9, 7, 4, 9, 6, 7, 1, 3, 5, 2]
print("naive Bayes reads its samples as:", bayes(X_new).argmax(dim=1).tolist())
#> naive Bayes reads its samples as: [9, 7, 4, 9, 6, 7, 1, 3, 5, 2]
# The class means, then the samples
images = torch.cat([bayes.mean, X_new.clamp(0, 1)]).reshape(20, 8, 8)
titles = [f"mean of {c}" for c in range(10)]
titles += [f"a new {c}" for c in y_new.tolist()]
fig = plot_images(images, titles=titles, ncols=10)
