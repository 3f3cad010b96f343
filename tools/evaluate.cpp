// evaluate — score warta against gold annotations (docs/evaluate.md).
//
//   evaluate GOLD... [--pred PRED.jsonl] [--grammar FILE]... [--json OUT]
//            [--show-errors] [--exact] [--write-pred OUT.jsonl]
//
// GOLD: `.gold.json` files (one record), `.jsonl` files (one record a line) or
// directories searched recursively for both.  Without --pred the extractor is
// run on every gold text.  Exit status: 0 scored, 2 bad usage or input.
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <warta/warta.hpp>

#include "evaluate_score.hpp"

namespace po = boost::program_options;
using warta::eval::Json;

namespace {

constexpr const char* usage =
    "usage: evaluate GOLD... [--pred PRED.jsonl] [--grammar FILE]... [--json OUT] [--show-errors] [--exact] [--write-pred OUT.jsonl]\n"
    "Scores warta/1 documents against gold annotations and prints precision, recall\n"
    "and F1 per category (the figures of the reference scorer score.py).\n"
    "GOLD: .gold.json / .jsonl files, or directories searched recursively for them.\n";

std::vector<Json> run_extractor(const std::vector<warta::eval::GoldRecord>& gold,
                                const std::vector<std::string>& grammars) {
    warta::ExtractorOptions eo;
    eo.grammar_files = grammars;
    warta::Extractor ex(eo);  // one per run
    // the last record of an id is the one scored
    std::map<std::string, const Json*> last;
    std::vector<std::string> order;
    for (const auto& g : gold) {
        const std::string& id = g.rec["id"].get_ref<const std::string&>();
        if (!last.count(id)) order.push_back(id);
        last[id] = &g.rec;
    }
    std::vector<Json> docs;
    docs.reserve(order.size());
    for (const auto& id : order) {
        const Json& rec = *last[id];
        warta::DocumentOptions o;
        o.id = id;
        if (rec.contains("date") && rec["date"].is_string()) {
            o.reference_date = rec["date"].get<std::string>();
            o.reference_source = warta::ReferenceSource::metadata;
        }
        warta::Document doc = ex.extract(rec["text"].get_ref<const std::string&>(), o);
        docs.push_back(Json::parse(warta::to_json(doc)));
    }
    return docs;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> gold_paths, grammars;
    std::string pred, json_out, write_pred;
    bool show_errors = false, exact = false;
    po::options_description opts("options");
    opts.add_options()
        ("help,h", "show this help")
        ("pred", po::value(&pred), "warta/1 documents (JSON Lines) matched to gold by id; without it the extractor runs")
        ("grammar", po::value(&grammars), "extra grammar file for the extractor (repeatable)")
        ("json", po::value(&json_out), "write the figures as JSON to this file")
        ("write-pred", po::value(&write_pred), "write the documents the extractor produced (JSON Lines) to this file")
        ("show-errors", po::bool_switch(&show_errors), "list every miss and spurious item")
        ("exact", po::bool_switch(&exact), "a gold span is found only by a mention with the same start and end; no value check");
    po::options_description hidden;
    hidden.add_options()("gold", po::value(&gold_paths));
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("gold", -1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        if (vm.count("help")) {
            std::cout << usage << opts;
            return 0;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "evaluate: " << e.what() << "\n" << usage;
        return 2;
    }
    if (gold_paths.empty()) {
        std::cerr << "evaluate: no gold file or directory given\n" << usage;
        return 2;
    }
    try {
        auto gold = warta::eval::load_gold(gold_paths);
        std::vector<Json> docs = pred.empty() ? run_extractor(gold, grammars) : warta::eval::load_predictions(pred);
        if (!write_pred.empty()) {
            std::ofstream out(write_pred, std::ios::binary);
            for (const auto& d : docs) out << d.dump() << '\n';
            if (!out) {
                std::cerr << "evaluate: cannot write " << write_pred << "\n";
                return 2;
            }
        }
        warta::eval::Scores s = warta::eval::score_all(gold, docs, {.exact = exact});
        std::cout << warta::eval::format_table(s, show_errors);
        std::cout.flush();
        if (!json_out.empty()) {
            std::ofstream out(json_out, std::ios::binary);
            out << warta::eval::format_json(s);
            if (!out) {
                std::cerr << "evaluate: cannot write " << json_out << "\n";
                return 2;
            }
        }
    } catch (const warta::eval::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const warta::GrammarError& e) {
        std::cerr << "evaluate: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "evaluate: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
