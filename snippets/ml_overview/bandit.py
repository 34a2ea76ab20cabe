import torch
from matplotlib.figure import Figure

from dlnotes.bandit import UCB1, BernoulliBandit, EpsilonGreedy, run_bandit

probs = [0.3, 0.5, 0.7, 0.4, 0.2]  # the agents never see these: arm 2 is best
steps, runs = 1000, 50
agents = {
    "epsilon-greedy": lambda seed: EpsilonGreedy(5, epsilon=0.1, seed=seed),
    "UCB1": lambda seed: UCB1(5),
}
regret = {}  # regret per step, averaged over the runs
for name, make_agent in agents.items():
    total = torch.zeros(steps)
    for seed in range(runs):
        bandit = BernoulliBandit(probs, seed=seed)
        run = run_bandit(bandit, make_agent(seed), steps)
        total += torch.tensor(run.regret)
    regret[name] = total / runs
    # the average over each block of 100 steps
    per_100 = regret[name].reshape(10, 100).mean(dim=1)
    print(f"{name:>14}: regret {per_100[0]:.3f} per step in steps 1-100, "
          f"{per_100[-1]:.3f} in 901-1000")
    assert per_100[-1] < per_100[0] / 2
#> epsilon-greedy: regret 0.162 per step in steps 1-100, 0.033 in 901-1000
#>           UCB1: regret 0.190 per step in steps 1-100, 0.043 in 901-1000
# An agent that never learns pulls a random arm.
random_regret = max(probs) - sum(probs) / len(probs)
print(f"{'random arm':>14}: regret {random_regret:.3f} per step, every step")
#>     random arm: regret 0.280 per step, every step

fig = Figure(figsize=(8, 3.2), layout="constrained")
left, right = fig.subplots(1, 2)
for name, r in regret.items():
    per_10 = r.reshape(-1, 10).mean(dim=1)
    left.plot(range(10, steps + 1, 10), per_10, label=name)
    right.plot(range(1, steps + 1), r.cumsum(dim=0), label=name)
style = dict(color="gray", linestyle="--", label="random arm")
left.axhline(random_regret, **style)
right.plot([0, steps], [0, random_regret * steps], **style)
left.set(xlabel="step", ylabel="regret per step", ylim=(0, None))
right.set(xlabel="step", ylabel="total regret")
left.legend()
