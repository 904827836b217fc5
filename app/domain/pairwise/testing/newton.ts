// An independent Bradley–Terry solver for tests: Newton's method on the log-likelihood with θ_0 fixed.

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

/** θ (Σθ = 0) maximising Σ w_ij log σ(θ_i − θ_j) for an m × m row-major weight matrix w. */
export function newtonStrengths(w: Float64Array, m: number): Float64Array {
  const theta = new Float64Array(m);
  for (let step = 0; step < 100; step++) {
    // gradient and Hessian of the free coordinates 1..m−1
    const k = m - 1;
    const g = new Float64Array(k);
    const h = Array.from({ length: k }, () => new Float64Array(k));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const n = w[i * m + j] + w[j * m + i];
        const s = sigma(theta[i] - theta[j]);
        if (i > 0) {
          g[i - 1] += w[i * m + j] - n * s;
          h[i - 1][i - 1] -= n * s * (1 - s);
          if (j > 0) h[i - 1][j - 1] += n * s * (1 - s);
        }
      }
    }
    const delta = solve(h, g);
    let size = 0;
    for (let i = 0; i < k; i++) {
      theta[i + 1] -= delta[i];
      size = Math.max(size, Math.abs(delta[i]));
    }
    if (size < 1e-14) break;
  }
  const mean = theta.reduce((s, t) => s + t, 0) / m;
  return theta.map((t) => t - mean);
}

function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const rows = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(rows[r][c]) > Math.abs(rows[pivot][c])) pivot = r;
    [rows[c], rows[pivot]] = [rows[pivot], rows[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = rows[r][c] / rows[c][c];
      for (let k = c; k <= n; k++) rows[r][k] -= f * rows[c][k];
    }
  }
  return Float64Array.from(rows, (row, i) => row[n] / row[i]);
}
