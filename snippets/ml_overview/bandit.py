import torch
from matplotlib.figure import Figure

from dlnotes.bandit import UCB1, BernoulliBandit, EpsilonGreedy, run_bandit

probs = [0.3, 0.5, 0.7, 0.4, 0.2]  # the agents never see these: arm 2 is the best
steps, runs = 1000, 50
agents = {
    "epsilon-greedy": lambda seed: EpsilonGreedy(5, epsilon=0.1, seed=seed),
    "UCB1": lambda seed: UCB1(5),
}
regret = {}  # regret per step, averaged over the runs
for name, make_agent in agents.items():
    total = torch.zeros(steps)
    for seed in range(runs):
        run = run_bandit(BernoulliBandit(probs, seed=seed), make_agent(seed), steps)
        total += torch.tensor(run.regret)
    regret[name] = total / runs
    per_100 = regret[name].reshape(10, 100).mean(dim=1)  # average over each block of 100 steps
    print(f"{name:>14}: regret per step {per_100[0]:.3f} in steps 1-100, "
          f"{per_100[-1]:.3f} in steps 901-1000")
    assert per_100[-1] < per_100[0] / 2
#> epsilon-greedy: regret per step 0.162 in steps 1-100, 0.033 in steps 901-1000
#>           UCB1: regret per step 0.190 in steps 1-100, 0.043 in steps 901-1000
random_regret = max(probs) - sum(probs) / len(probs)  # an agent that never learns
print(f"{'random arm':>14}: regret per step {random_regret:.3f} at every step")
#>     random arm: regret per step 0.280 at every step

fig = Figure(figsize=(8, 3.2), layout="constrained")
left, right = fig.subplots(1, 2)
for name, r in regret.items():
    left.plot(range(10, steps + 1, 10), r.reshape(-1, 10).mean(dim=1), label=name)
    right.plot(range(1, steps + 1), r.cumsum(dim=0), label=name)
left.axhline(random_regret, color="gray", linestyle="--", label="random arm")
right.plot([0, steps], [0, random_regret * steps], color="gray", linestyle="--", label="random arm")
left.set(xlabel="step", ylabel="regret per step", ylim=(0, None))
right.set(xlabel="step", ylabel="total regret")
left.legend()
