package annotations_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"go.yaml.in/yaml/v3"
)

var benchLarge = flag.Bool("large", false, "also benchmark loading the 1,000,000-statement dataset (gen.Large)")

// benchConfigs are the datasets BenchmarkLoad reads: gen.Large scaled
// down tenfold, and gen.Large itself with -large.
func benchConfigs() []gen.Config {
	cfgs := []gen.Config{{Actors: 2000, Claims: 5000, Statements: 100000, Sources: 500, Seed: 1}}
	if *benchLarge {
		cfgs = append(cfgs, gen.Large)
	}
	return cfgs
}

// BenchmarkLoad compares annotations.LoadDir on a generated dataset with
// the same load through yaml.v3 only (CLAIMNET_YAML=v3, the fallback path)
// and with yaml.v3 decoding the same files' bytes into yaml.Node trees
// (with the loader's parallelism): the floor any YAML loader built on
// yaml.v3 pays.
// LoadDir's ns/op over yaml-node's is the cost of reading, checking and
// building the dataset. retained-B/stmt is the heap the loaded dataset
// keeps, per statement.
func BenchmarkLoad(b *testing.B) {
	for _, cfg := range benchConfigs() {
		b.Run(fmt.Sprintf("statements=%d", cfg.Statements), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "data")
			if _, err := gen.Write(context.Background(), cfg, dir, false); err != nil {
				b.Fatal(err)
			}
			files := readAll(b, dir)
			var size int64
			for _, f := range files {
				size += int64(len(f))
			}
			b.Run("LoadDir", func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					if _, err := annotations.LoadDir(dir); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				// The loop keeps no dataset, so the heap holds only this one.
				before := liveHeap()
				d, _ := annotations.LoadDir(dir)
				b.ReportMetric(float64(liveHeap()-before)/float64(len(d.Statements)), "retained-B/stmt")
				runtime.KeepAlive(d)
			})
			// The same load with every file left to yaml.v3 (the fallback
			// path the fast parser saves).
			b.Run("LoadDir-yaml.v3", func(b *testing.B) {
				b.Setenv(annotations.YAMLEnv, "v3")
				b.SetBytes(size)
				for b.Loop() {
					if _, err := annotations.LoadDir(dir); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("yaml-node", func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					if err := decodeNodes(files); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func readAll(b *testing.B, dir string) [][]byte {
	var files [][]byte
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files = append(files, data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// decodeNodes decodes every file into a yaml.Node, on as many goroutines
// as Load uses.
func decodeNodes(files [][]byte) error {
	next := make(chan []byte)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for data := range next {
				var n yaml.Node
				if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&n); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}
