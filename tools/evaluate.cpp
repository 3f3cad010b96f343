// STUB: replaced by the real evaluator.
int main() { return 0; }
